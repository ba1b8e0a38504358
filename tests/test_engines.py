"""Extraction on every core and on a Dask cluster: whichever engine extracts, the real job leaves
the warehouse exactly as when the Dagster process extracts alone, and the run's log says how far
it has got. The cluster is the one the README has users start: `dask scheduler` and two `dask
worker` processes, here all on this machine."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from stories import ARTICLES as STORIES
from test_pipeline import ids, materialize, metadata

from pipeline.definitions import defs
from pipeline.engines import available_cores
from pipeline.resources import ExtractorResource, WarehouseResource, from_environment

GOLD = Path(__file__).parent / "extraction" / "gold"
# Real articles, several reporting the same deals, so that consolidation has work to do too.
CORPUS = ["consolidation.jsonl", "consolidation-b.jsonl"]
ARTICLES = sum(len((GOLD / name).read_text(encoding="utf-8").splitlines()) for name in CORPUS) + len(STORIES)
BATCH = 8  # articles per chunk: the 61 articles make 8 chunks, enough for two workers
# Columns that hold the time a row was written, the only ones two runs may differ in.
RUN_TIMES = {"loaded_at", "rejected_at", "extracted_at", "applied_at"}


def write_corpus(workspace) -> None:
    for name in CORPUS:
        shutil.copy(GOLD / name, workspace.corpus / name)
    workspace.write_all()


def run(instance: dg.DagsterInstance, raise_on_error: bool = True, articles_per_transaction: int = 200,
        **extractor) -> dg.ExecuteInProcessResult:
    """The job users launch, configured from DEALFACTS_*, with the extractor's settings given
    (smaller chunks than users run, for a small corpus to keep two workers busy)."""
    resources = from_environment()
    resources["warehouse"] = WarehouseResource(duckdb=resources["warehouse"].duckdb,
                                               articles_per_transaction=articles_per_transaction)
    resources["extractor"] = ExtractorResource(batch_size=BATCH, **extractor)
    job = defs.resolve_job_def("refresh_warehouse")
    return job.execute_in_process(instance=instance, resources=resources, raise_on_error=raise_on_error)


def contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table of the warehouse, every column but the times rows were written."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1").fetchall()]
        dump = {}
        for table in tables:
            columns = [c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? "
                "ORDER BY column_index", [table]).fetchall() if c not in RUN_TIMES]
            rows = con.execute(f"SELECT {', '.join(map(json.dumps, columns))} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=repr)
    return dump


def log_lines(instance: dg.DagsterInstance, result: dg.ExecuteInProcessResult) -> list[str]:
    return [e.user_message for e in instance.all_logs(result.run_id)]


@pytest.fixture
def one_process_warehouse(workspace, instance, monkeypatch) -> dict[str, list[tuple]]:
    """The corpus extracted in the Dagster process into a warehouse of its own."""
    write_corpus(workspace)
    with monkeypatch.context() as env:
        alone = workspace.warehouse.with_name("one_process.duckdb")
        env.setenv("DEALFACTS_WAREHOUSE", str(alone))
        result = run(instance, processes=1)
    assert f"extracting {ARTICLES} articles in this process" in log_lines(instance, result)
    return contents(alone)


def test_worker_processes_fill_the_warehouse_as_one_process_does(workspace, instance, one_process_warehouse):
    result = run(instance, processes=2)

    assert result.success
    log = log_lines(instance, result)
    assert f"extracting {ARTICLES} articles in 2 worker processes" in log
    [progress] = [line for line in log if line.startswith("extracted ")]  # one transaction of up to 200
    assert re.fullmatch(rf"extracted {ARTICLES}/{ARTICLES} articles \(100%\) in (\d+ min )?\d+ s, "
                        r"\d+\.\d articles/s, 0 s left", progress)
    stored = contents(workspace.warehouse)
    assert len(stored["facts"]) > 100 and len(stored["deals"]) > 5  # something to compare
    assert stored == one_process_warehouse


def test_progress_is_logged_per_transaction_with_rate_and_time_left(workspace, instance):
    write_corpus(workspace)

    result = run(instance, articles_per_transaction=20, processes=2)

    lines = [line for line in log_lines(instance, result) if line.startswith("extracted ")]
    found = [re.fullmatch(rf"extracted (\d+)/{ARTICLES} articles \((\d+)%\) in (?:\d+ min )?\d+ s, "
                          r"(\d+\.\d) articles/s, (?:(\d+) min )?(\d+) s left", line) for line in lines]
    assert all(found), lines
    done = [int(m[1]) for m in found]
    assert done == [20, 40, 60, ARTICLES]
    assert [int(m[2]) for m in found] == [round(100 * n / ARTICLES) for n in done]
    for n, m in zip(done, found):  # the articles still to do at the rate so far
        rate, left = float(m[3]), int(m[4] or 0) * 60 + int(m[5])
        assert rate > 0 and abs(left - (ARTICLES - n) / rate) <= 1 + 0.05 * left


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes of one thread each, as on worker machines."""
    where = tmp_path_factory.mktemp("dask")
    dask = str(Path(sys.executable).parent / "dask")
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", str(where / "scheduler.json")],
                                cwd=where, stdout=subprocess.DEVNULL, stderr=(where / "scheduler.log").open("w"))]
    try:
        deadline = time.monotonic() + 60
        while not (where / "scheduler.json").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads((where / "scheduler.json").read_text())["address"]
        for n in range(2):
            started.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--name", f"worker-{n}",
                                             "--no-dashboard", "--local-directory", str(where / f"worker-{n}")],
                                            cwd=where, stdout=subprocess.DEVNULL,
                                            stderr=(where / f"worker-{n}.log").open("w")))
        from distributed import Client
        with Client(address) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in started[::-1]:
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def loaded_extractors(address: str) -> dict[str, tuple[int, int]]:
    """Per worker, how many times it loaded the extractor and how many chunks reused it."""
    from distributed import Client

    def cache() -> tuple[int, int]:
        from pipeline.engines import extractor
        info = extractor.cache_info()
        return info.misses, info.hits

    with Client(address) as client:
        return client.run(cache)


def test_a_dask_cluster_fills_the_warehouse_as_one_process_does(workspace, instance, cluster, one_process_warehouse):
    result = run(instance, scheduler=cluster)

    assert result.success
    assert (f"extracting {ARTICLES} articles on the Dask cluster at {cluster}: 2 workers, 2 threads"
            in log_lines(instance, result))
    assert contents(workspace.warehouse) == one_process_warehouse
    # both workers took chunks, each loading the pipeline once and reusing it for its other chunks
    loaded = loaded_extractors(cluster).values()
    assert [loads for loads, _ in loaded] == [1, 1]
    assert sum(reused for _, reused in loaded) == -(-ARTICLES // BATCH) - 2

    # and incrementally: only the changed article is sent again
    workspace.write("microsoft-nvidia", "Microsoft", "2025-11-01", "Microsoft will buy 5,000 Nvidia chips.")
    result = run(instance, scheduler=cluster)
    assert ids(metadata(result, "facts")["extracted_ids"]) == {"microsoft-nvidia"}
    assert workspace.query("SELECT text FROM facts WHERE article_id = 'microsoft-nvidia'") == [("5,000 Nvidia chips",)]


def test_a_worker_running_another_extractor_fails_the_run_and_stores_nothing(workspace, instance, monkeypatch,
                                                                            cluster):
    write_corpus(workspace)
    monkeypatch.setattr("pipeline.engines.EXTRACTOR_VERSION", "0.0.1")  # the workers run the installed one

    result = run(instance, raise_on_error=False, scheduler=cluster)

    assert not result.success
    [failure] = result.get_step_failure_events()
    assert failure.step_key == "extract"
    assert "the pipeline 0.0.1: install the same dealfacts on every worker" in str(failure.step_failure_data.error)
    assert workspace.query("SELECT count(*) FROM extractions") == [(0,)]


def test_a_scheduler_that_cannot_be_reached_fails_the_step_naming_it(workspace, instance, monkeypatch):
    import dask

    workspace.write_all()
    monkeypatch.setenv("DEALFACTS_DASK_SCHEDULER", "tcp://127.0.0.1:9")  # the discard port: nothing listens
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = materialize(instance, raise_on_error=False)  # configured from the environment alone

    [failure] = result.get_step_failure_events()
    assert failure.step_key == "extract"
    description = failure.step_failure_data.user_failure_data.description
    assert description.startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9 (DEALFACTS_DASK_SCHEDULER)")
    assert workspace.query("SELECT count(*) FROM extractions") == [(0,)]


def test_the_extractor_uses_every_core_unless_told_otherwise(monkeypatch):
    def settings() -> tuple[int, str | None]:
        with dg.build_resources({"extractor": from_environment()["extractor"]}) as built:
            return built.extractor.processes, built.extractor.scheduler

    for name in ("DEALFACTS_PROCESSES", "DEALFACTS_DASK_SCHEDULER"):
        monkeypatch.delenv(name, raising=False)
    assert settings() == (len(os.sched_getaffinity(0)), None) == (available_cores(), None)
    monkeypatch.setenv("DEALFACTS_PROCESSES", "1")
    monkeypatch.setenv("DEALFACTS_DASK_SCHEDULER", "tcp://scheduler.example:8786")
    assert settings() == (1, "tcp://scheduler.example:8786")
