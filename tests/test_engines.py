"""Extraction on every core: whichever engine extracts, the real job leaves the warehouse exactly
as when the Dagster process extracts alone, and the run's log says how far it has got."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import ARTICLES as STORIES

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


def test_the_extractor_uses_every_core_unless_told_otherwise(monkeypatch):
    def processes() -> int:
        with dg.build_resources({"extractor": from_environment()["extractor"]}) as built:
            return built.extractor.processes

    monkeypatch.delenv("DEALFACTS_PROCESSES", raising=False)
    assert processes() == len(os.sched_getaffinity(0)) == available_cores()
    monkeypatch.setenv("DEALFACTS_PROCESSES", "1")
    assert processes() == 1
