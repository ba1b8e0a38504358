"""Opening the warehouse and writing to it atomically.

DuckDB lets one process write a database file, and while it does no other process can open it,
not even to read. Writers hold the file for seconds per batch; readers open it read-only and
wait briefly for a writer to finish rather than fail at once.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

DEFAULT_PATH = "warehouse/dealfacts.duckdb"
"""Where the warehouse lives unless DEALFACTS_WAREHOUSE says otherwise."""


class WarehouseMissing(FileNotFoundError):
    """The warehouse file does not exist yet: nothing has been materialised."""


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block in one transaction: all of its writes land, or on any error none do."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def open_read_only(database: str | Path, wait_seconds: float = 10.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection, retried while a materialisation holds the file's write lock."""
    path = Path(database)
    if not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path}: materialise it first (make run, or the Dagster UI)"
        )
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.25)


def insert_many(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...],
                rows: list[tuple], extra: str = "") -> None:
    """Insert `rows` with one prepared statement; `table`, `columns` and `extra` are SQL the
    caller wrote (never input), `extra` being trailing values such as `current_timestamp`."""
    if rows:
        placeholders = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}{extra})", rows)


def delete_articles(con: duckdb.DuckDBPyConnection, table: str, article_ids: list[str]) -> None:
    """Delete the rows of these articles from `table` (a name the caller wrote, never input)."""
    if article_ids:
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [article_ids])
