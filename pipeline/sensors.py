"""Keeping the warehouse in step with `corpus/`: the job that refreshes everything, and a
sensor (off until switched on in the UI) that runs it when a corpus file changes."""
import dagster as dg

from pipeline.resources import CorpusResource

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Bring the warehouse in line with the corpus: load new, changed and deleted "
    "files, re-extract only what changed, run every check.",
)


@dg.sensor(
    job=refresh_warehouse,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Watches the corpus folder (file names, sizes and modification times) and "
    "refreshes the warehouse when anything is added, changed or deleted. Off by default: "
    "switch it on under Automation.",
)
def corpus_sensor(context: dg.SensorEvaluationContext, corpus: CorpusResource) -> dg.SensorResult:
    fingerprint = corpus.fingerprint()
    changes, _, last = (context.cursor or "0:").partition(":")
    if fingerprint == last:
        return dg.SensorResult(skip_reason=dg.SkipReason("corpus unchanged"))
    # The key counts the changes seen: a restarted daemon never runs one change twice, and a
    # corpus that returns to an earlier state (a file moved out and back) is still refreshed.
    change = int(changes) + 1
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"corpus-{change}-{fingerprint[:16]}")],
                           cursor=f"{change}:{fingerprint}")
