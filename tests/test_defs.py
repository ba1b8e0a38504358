"""The Definitions load, describe themselves for the UI, and the corpus sensor fires on change."""
from __future__ import annotations

import os
import subprocess

import dagster as dg

from extractors.extract import EXTRACTOR_VERSION
from pipeline.definitions import defs
from pipeline.resources import CorpusResource
from pipeline.sensors import corpus_sensor


def test_dagster_loads_the_definitions(workspace):
    result = subprocess.run([str(workspace.bin / "dagster"), "definitions", "validate", "-m", "pipeline.definitions"],
                            env=workspace.env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_every_asset_says_what_it_is_who_owns_it_and_its_version():
    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    assert set(specs) == {"articles", "facts", "companies", "deals", "consolidated_deals", "sql_views", "deal_report"}
    for spec in specs.values():
        assert spec.description and spec.owners and spec.group_name and spec.code_version
    assert {specs[k].code_version for k in ("facts", "companies", "deals")} == {EXTRACTOR_VERSION}
    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey("deals")).parent_keys == {dg.AssetKey("facts"), dg.AssetKey("companies")}
    assert graph.get(dg.AssetKey("facts")).parent_keys == {dg.AssetKey("articles")}
    assert graph.get(dg.AssetKey("consolidated_deals")).parent_keys == {dg.AssetKey("deals")}
    assert graph.get(dg.AssetKey("deal_report")).parent_keys == {dg.AssetKey("sql_views")}


def test_checks_cover_articles_facts_and_deals():
    checks = {(key.asset_key.to_user_string(), key.name) for key in defs.resolve_asset_graph().asset_check_keys}
    assert checks == {("articles", "no_article_dropped"), ("articles", "files_readable"),
                      ("facts", "facts_grounded"), ("facts", "facts_plausible"),
                      ("facts", "facts_up_to_date"), ("deals", "deal_parties_known"),
                      ("deals", "deals_well_formed"), ("consolidated_deals", "mentions_consolidated"),
                      ("consolidated_deals", "consolidation_matches_scratch")}


def test_the_sensor_is_off_by_default_and_runs_once_per_corpus_change(workspace):
    assert corpus_sensor.default_status == dg.DefaultSensorStatus.STOPPED
    workspace.write_all()
    corpus = CorpusResource(path=str(workspace.corpus))

    def tick(cursor):
        with dg.build_sensor_context(cursor=cursor, resources={"corpus": corpus}) as context:
            return corpus_sensor(context)

    first = tick(None)
    assert len(first.run_requests) == 1 and first.cursor
    assert not tick(first.cursor).run_requests  # nothing changed
    (workspace.corpus / "ignored.pdf").write_bytes(b"%PDF-")  # not a type the readers read
    assert not tick(first.cursor).run_requests
    path = workspace.write("openai-amd", "changed", "2025-10-07", "OpenAI buys 1 gigawatt.")
    os.utime(path, ns=(0, 1))  # a distinct modification time even on a coarse clock
    changed = tick(first.cursor)
    assert len(changed.run_requests) == 1
    assert changed.run_requests[0].run_key != first.run_requests[0].run_key
    # the file moved out and back: the corpus is as it was at first, and still refreshed
    moved = workspace.corpus / "openai-amd.md"
    outside = workspace.corpus.parent / "parked.md"
    moved.rename(outside)
    gone = tick(changed.cursor)
    outside.rename(moved)
    back = tick(gone.cursor)
    keys = [r.run_requests[0].run_key for r in (first, changed, gone, back)]
    assert len(set(keys)) == 4
    assert corpus_sensor.job_name == "refresh_warehouse"
