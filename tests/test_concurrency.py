"""An analyst's session holds the warehouse while the pipeline runs: the run waits, retrying
with backoff, for DEALFACTS_LOCK_TIMEOUT seconds, then fails saying which file, which process
and what to do, and writes nothing. The lock is held by a second process, as in real life."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from test_pipeline import dump, materialize, metadata

from warehouse.connection import WarehouseLocked, open_read_only

HOLDER = """\
import sys, time
import duckdb

path, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
con = duckdb.connect(path, read_only=mode == "read-only")
print("holding", flush=True)
time.sleep(seconds)
con.close()
print("released", flush=True)
time.sleep(600)
"""


@pytest.fixture
def hold(tmp_path: Path):
    """Start a process that opens the warehouse (read-only or to write) for some seconds."""
    script = tmp_path / "analyst_session.py"
    script.write_text(HOLDER, encoding="utf-8")
    started: list[subprocess.Popen] = []

    def start(warehouse: Path, mode: str, seconds: float) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, str(script), str(warehouse), mode, str(seconds)],
                                stdout=subprocess.PIPE, text=True)
        started.append(proc)
        assert proc.stdout.readline().strip() == "holding"
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def run_log(instance: dg.DagsterInstance, result: dg.ExecuteInProcessResult) -> str:
    return "\n".join(e.user_message for e in instance.all_logs(result.run_id))


def failure(result: dg.ExecuteInProcessResult) -> str:
    [event] = result.get_step_failure_events()
    return event.step_failure_data.user_failure_data.description


def test_a_run_waits_for_a_read_only_session_to_close_then_completes(workspace, instance, hold, monkeypatch):
    workspace.write_all()
    materialize(instance)
    workspace.write("microsoft-nvidia", "Microsoft", "2025-11-01", "Microsoft will buy 5,000 Nvidia chips.")
    monkeypatch.setenv("DEALFACTS_LOCK_TIMEOUT", "30")
    session = hold(workspace.warehouse, "read-only", 3)

    started = time.monotonic()
    result = materialize(instance)
    elapsed = time.monotonic() - started

    assert result.success and elapsed >= 2.5
    assert f"is locked by process {session.pid}" in run_log(instance, result)
    assert metadata(result, "facts")["extracted"] == 1


@pytest.mark.parametrize("mode", ["read-only", "write"])
def test_a_run_gives_up_after_the_lock_timeout_naming_file_holder_and_remedy(workspace, instance, hold,
                                                                             monkeypatch, mode):
    workspace.write_all()
    materialize(instance)
    before = dump(workspace)
    workspace.write("microsoft-nvidia", "Microsoft", "2025-11-01", "Microsoft will buy 5,000 Nvidia chips.")
    monkeypatch.setenv("DEALFACTS_LOCK_TIMEOUT", "2")
    session = hold(workspace.warehouse, mode, 120)

    started = time.monotonic()
    result = materialize(instance, raise_on_error=False)
    elapsed = time.monotonic() - started

    assert not result.success and 2 <= elapsed < 15
    message = failure(result)
    assert f"the warehouse {workspace.warehouse} is locked by process {session.pid}" in message
    assert "analyst_session.py" in message  # the holder's command line, from /proc
    assert "close that session or wait" in message and "dealfacts sql" in message
    assert "IO Error" not in message and "Traceback" not in message
    assert [e.step_key for e in result.get_step_failure_events()] == ["articles"]
    session.kill()
    session.wait()
    assert dump(workspace) == before  # nothing written: not even the changed article


def test_dagster_asset_materialize_reports_the_lock_in_one_readable_message(workspace, hold):
    workspace.write_all()
    workspace.warehouse.parent.mkdir()
    session = hold(workspace.warehouse, "write", 120)

    run = subprocess.run([str(workspace.bin / "dagster"), "asset", "materialize", "-m", "pipeline.definitions",
                          "--select", "*"], env={**workspace.env(), "DEALFACTS_LOCK_TIMEOUT": "1"},
                         capture_output=True, text=True, timeout=300)

    assert run.returncode != 0
    assert f"is locked by process {session.pid}" in run.stderr
    assert "What to do: close that session or wait" in run.stderr
    assert "duckdb.IOException" not in run.stderr and "_duckdb.IOException" not in run.stderr


def test_readers_wait_for_a_writer_then_say_who_holds_the_file(workspace, instance, hold):
    workspace.write_all()
    materialize(instance)

    session = hold(workspace.warehouse, "write", 1.5)
    started = time.monotonic()
    con = open_read_only(workspace.warehouse, wait_seconds=20)  # the writer lets go after 1.5 s
    assert time.monotonic() - started >= 1
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)
    con.close()

    session = hold(workspace.warehouse, "write", 120)
    with pytest.raises(WarehouseLocked, match=f"locked by process {session.pid}") as locked:
        open_read_only(workspace.warehouse, wait_seconds=1)
    assert locked.value.pid == session.pid and "analyst_session.py" in locked.value.program


def test_dealfacts_sql_waits_for_a_run_then_names_the_holder(workspace, instance, hold):
    workspace.write_all()
    materialize(instance)
    dealfacts = [str(workspace.bin / "dealfacts"), "sql", "SELECT count(*) AS n FROM articles", "--format", "csv"]

    hold(workspace.warehouse, "write", 1.5)
    answer = subprocess.run(dealfacts, env=workspace.env(), capture_output=True, text=True, timeout=60)
    assert (answer.returncode, answer.stdout.split()) == (0, ["n", "3"])

    session = hold(workspace.warehouse, "write", 120)
    started = time.monotonic()
    answer = subprocess.run(dealfacts, env={**workspace.env(), "DEALFACTS_LOCK_TIMEOUT": "2"},
                            capture_output=True, text=True, timeout=60)
    assert answer.returncode == 1 and 2 <= time.monotonic() - started < 30
    assert f"is locked by process {session.pid}" in answer.stderr and "Traceback" not in answer.stderr


def test_a_check_blocked_by_another_writer_names_that_process_not_a_run(workspace, instance, hold, monkeypatch):
    workspace.write_all()
    materialize(instance)
    monkeypatch.setenv("DEALFACTS_LOCK_TIMEOUT", "1")
    from pipeline.checks import facts_grounded
    from pipeline.definitions import defs
    from pipeline.resources import from_environment

    session = hold(workspace.warehouse, "write", 120)
    result = dg.materialize([defs.get_assets_def("facts"), facts_grounded], instance=instance,
                            resources=from_environment(), selection=dg.AssetSelection.checks(facts_grounded),
                            raise_on_error=False)

    message = failure(result)
    assert f"locked by process {session.pid}" in message and "analyst_session.py" in message
    assert "that process is writing it" in message and "materialisation" not in message


def test_two_runs_started_together_on_a_fresh_dagster_home_both_finish(workspace, tmp_path):
    workspace.write_all()
    home = tmp_path / "fresh_dagster_home"  # not created: `make run` sets it up
    project = Path(__file__).resolve().parents[1]
    runs = [subprocess.Popen(["make", "-s", "-C", str(project), "run", f"DAGSTER_HOME_DIR={home}"],
                             env=workspace.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]

    assert [run.returncode for run in runs] == [0, 0], [o[-2000:] for o in outputs]
    assert all("already exists" not in o for o in outputs)
    assert workspace.query("SELECT count(*) FROM articles") == [(3,)]
    instance = dg.DagsterInstance.from_config(str(home))
    assert sorted(r.status.value for r in instance.get_runs()) == ["SUCCESS", "SUCCESS"]
