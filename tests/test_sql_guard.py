"""`dealfacts sql` and the checks read the warehouse and nothing else: every way out of the
file (writing files, reading files, other databases, extensions, undoing the settings) fails
with one line and exit code 1; and a file that is not a database is named with the remedy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource
from test_pipeline import materialize

from pipeline.resources import WarehouseResource, from_environment

DEALFACTS = Path(sys.executable).parent / "dealfacts"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "dealfacts.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE facts AS SELECT 1 AS n")
    return path


def sql(warehouse: Path, query: str) -> subprocess.CompletedProcess:
    return subprocess.run([DEALFACTS, "sql", "--warehouse", str(warehouse), query],
                          capture_output=True, text=True, timeout=120)


ATTACKS = {  # {tmp} is the folder the warehouse is in
    "copy to": "COPY facts TO '{tmp}/outside.csv'",
    "export": "EXPORT DATABASE '{tmp}/dump'",
    "read_csv": "SELECT * FROM read_csv('/etc/passwd')",
    "read_text": "SELECT * FROM read_text('/etc/hostname')",
    "glob": "SELECT * FROM glob('/etc/*')",
    "attach": "ATTACH '{tmp}/other.duckdb' AS other; SELECT * FROM other.secrets",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "re-enable": "SET enable_external_access = true",
    "unlock": "SET lock_configuration = false",
    "detach and reattach": "ATTACH '{tmp}/dealfacts.duckdb' AS again; USE again; DETACH dealfacts; "
                           "ATTACH '{tmp}/dealfacts.duckdb' AS rw (READ_WRITE); INSERT INTO rw.facts VALUES (2)",
    "write": "INSERT INTO facts VALUES (2)",
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_dealfacts_sql_refuses_to_reach_outside_the_warehouse(tmp_path, warehouse, attack):
    with duckdb.connect(str(tmp_path / "other.duckdb")) as con:
        con.execute("CREATE TABLE secrets AS SELECT 'hunter2' AS s")

    done = sql(warehouse, ATTACKS[attack].format(tmp=tmp_path))

    assert done.returncode == 1, done.stdout
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("dealfacts: ")
    assert "Traceback" not in done.stderr and "hunter2" not in done.stdout and "root:" not in done.stdout
    assert not (tmp_path / "outside.csv").exists() and not (tmp_path / "dump").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT n FROM facts").fetchall() == [(1,)]


def test_dealfacts_sql_still_answers_queries(warehouse):
    done = sql(warehouse, "SELECT n + 1 AS m FROM facts")
    assert done.returncode == 0 and "2" in done.stdout


def test_the_checks_read_only_connection_is_locked_down_too(warehouse, tmp_path):
    resource = WarehouseResource(duckdb=DuckDBResource(database=str(warehouse)))
    with resource.reader() as con:
        for query in (f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'", "SELECT * FROM read_csv('/etc/passwd')",
                      "SET enable_external_access = true"):
            with pytest.raises(duckdb.Error, match="disabled by configuration|configuration has been locked"):
                con.execute(query)
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("content", [b"not a database, just text\n", bytes(range(256)) * 64])
def test_a_broken_warehouse_file_is_named_with_how_to_rebuild_it(workspace, instance, content):
    workspace.write_all()
    workspace.warehouse.parent.mkdir(parents=True)
    workspace.warehouse.write_bytes(content)

    for command in ("summary", "sql"):
        done = subprocess.run([DEALFACTS, command, *(["SELECT 1"] if command == "sql" else [])],
                              env=workspace.env(), capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        [line] = done.stderr.splitlines()
        assert str(workspace.warehouse) in line and "is not a readable DuckDB database" in line
        assert f"mv {workspace.warehouse} {workspace.warehouse}.broken" in line and "run again" in line

    result = materialize(instance, raise_on_error=False)
    assert not result.success
    [event] = result.get_step_failure_events()
    message = event.step_failure_data.user_failure_data.description
    assert str(workspace.warehouse) in message and "not a readable DuckDB database" in message
    assert workspace.warehouse.read_bytes() == content  # left for the user to move aside

    workspace.warehouse.rename(workspace.warehouse.with_suffix(".broken"))  # the remedy works
    assert materialize(instance).success
    assert workspace.query("SELECT count(*) FROM articles") == [(3,)]


def test_rows_deleted_by_hand_fail_a_check_and_the_next_run_extracts_them_again(workspace, instance):
    workspace.write_all()
    materialize(instance)
    before = workspace.query("SELECT article_id, count(*) FROM facts GROUP BY 1 ORDER BY 1")
    with duckdb.connect(str(workspace.warehouse)) as con:
        con.execute("DELETE FROM facts WHERE article_id = 'openai-amd'")
        con.execute("DELETE FROM article_deals WHERE article_id = 'microsoft-nvidia'")

    from pipeline.checks import facts_up_to_date
    check = dg.materialize([facts_up_to_date, *_source_assets()], instance=instance,
                           resources=from_environment(), selection=dg.AssetSelection.checks(facts_up_to_date),
                           raise_on_error=False)
    [evaluation] = check.get_asset_check_evaluations()
    assert not evaluation.passed and evaluation.metadata["failing"].value == 2
    assert "facts and 0 deals stored" in evaluation.metadata["examples"].value

    rerun = materialize(instance)

    [event] = [m for m in rerun.asset_materializations_for_node("extract") if m.asset_key == dg.AssetKey("facts")]
    assert event.metadata["extracted"].value == 2
    assert workspace.query("SELECT article_id, count(*) FROM facts GROUP BY 1 ORDER BY 1") == before
    assert all(e.passed for e in rerun.get_asset_check_evaluations() if e.check_name == "facts_up_to_date")


def _source_assets():
    from pipeline.definitions import defs
    return [defs.get_assets_def("facts")]
