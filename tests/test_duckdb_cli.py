"""The DuckDB CLI that `make` installs (.venv/bin/duckdb) is the engine's own version: it opens the
warehouse a run wrote, read-only, answers queries and, with the packaged fts loaded, searches."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
from test_pipeline import materialize

from warehouse.connection import FTS_EXTENSION

DUCKDB = Path(sys.executable).parent / "duckdb"


def shell(warehouse: Path, sql: str) -> subprocess.CompletedProcess:
    return subprocess.run([DUCKDB, "-readonly", "-csv", str(warehouse), "-c", sql],
                          capture_output=True, text=True, timeout=120)


def test_the_duckdb_cli_reads_the_warehouse_a_run_wrote(workspace, instance):
    workspace.write_all()
    materialize(instance)

    version = subprocess.run([DUCKDB, "-version"], capture_output=True, text=True, check=True).stdout
    assert version.split()[0] == f"v{duckdb.__version__}"
    counted = shell(workspace.warehouse, "SELECT count(*) AS articles, count(DISTINCT kind) AS kinds FROM facts "
                                         "JOIN articles USING (article_id)")
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout.splitlines() == ["articles,kinds", ",".join(map(str, workspace.query(
        "SELECT count(*), count(DISTINCT kind) FROM facts JOIN articles USING (article_id)")[0]))]
    found = shell(workspace.warehouse, f"LOAD '{FTS_EXTENSION}'; SELECT article_id FROM search_articles('TPUs')")
    assert found.returncode == 0 and found.stdout.splitlines() == ["article_id", "anthropic-google"], found.stderr
    write = shell(workspace.warehouse, "DELETE FROM facts")
    assert write.returncode != 0 and "read-only" in write.stderr
