"""Opening the warehouse and writing to it atomically.

DuckDB lets one process write a database file, and while it does no other process can open it,
not even to read; any number of processes may open it read-only together, but then none can
write. DuckDB itself fails at once when the file is locked, so `connect` retries with backoff
for a bounded time and then raises `WarehouseLocked`, naming the process that holds the file.
"""
from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import duckdb

DEFAULT_PATH = "warehouse/dealfacts.duckdb"
"""Where the warehouse lives unless DEALFACTS_WAREHOUSE says otherwise."""

READ_ONLY_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}
LOCK_DOWN = (
    "SET enable_external_access = false",   # no file but the warehouse: no COPY, read_csv, glob, ATTACH, INSTALL, LOAD
    "SET lock_configuration = true",         # and no SET can undo any of it
)
"""Settings of every read-only connection (`dealfacts sql`, the asset checks): it reads the
warehouse and nothing else, and writes nothing anywhere. `LOCK_DOWN` comes after connecting,
once the fts extension is loaded: with external access off no extension can be loaded."""

FTS_EXTENSION = (Path(str(files("duckdb_extension_fts"))) / "extensions" / f"v{duckdb.__version__}"
                 / "fts.duckdb_extension")
"""DuckDB's full-text search extension for this DuckDB version, as the duckdb-extension-fts
package ships it (INSTALL would download it, which cannot work here)."""

DEFAULT_LOCK_TIMEOUT = 30
"""Seconds a materialisation waits for another process to release the file (DEALFACTS_LOCK_TIMEOUT)."""

# DuckDB's lock error: 'Could not set lock on file "…": Conflicting lock is held in /usr/bin/python3 (PID 123).'
_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


class WarehouseMissing(FileNotFoundError):
    """The warehouse file does not exist yet: nothing has been materialised."""


class WarehouseBroken(RuntimeError):
    """The warehouse file exists but DuckDB cannot open it: damaged, or not a database at all."""

    def __init__(self, path: Path, error: str) -> None:
        self.path = path
        super().__init__(
            f"the warehouse {path} is not a readable DuckDB database ({error.splitlines()[0]}). "
            f"The corpus is the source of truth, so rebuild it: move the file aside (mv {path} "
            f"{path}.broken) and run again (make run), which extracts every article anew.")


class WarehouseLocked(RuntimeError):
    """Another process held the warehouse file for longer than we were willing to wait."""

    def __init__(self, path: Path, read_only: bool, waited: float, error: str) -> None:
        self.path = path
        self.pid, self.program = lock_holder(error)
        holder = f"process {self.pid} ({self.program})" if self.pid else f"another process ({error})"
        if read_only:
            advice = ("that process is writing it: wait for it to finish (or close it, if it is a "
                      "DuckDB shell or notebook) and try again")
        else:
            advice = ("close that session or wait for it to end, then run again; to query while "
                      "the pipeline runs use dealfacts sql, which opens the file read-only and "
                      "only for the query (or raise DEALFACTS_LOCK_TIMEOUT)")
        super().__init__(f"the warehouse {path} is locked by {holder}; gave up after waiting "
                         f"{waited:.0f} s. What to do: {advice}.")


def lock_holder(error: str) -> tuple[int | None, str | None]:
    """PID and command line of the process DuckDB's lock error names (the command line from
    /proc when it can be read, else the program DuckDB names)."""
    match = _HOLDER.search(error)
    if match is None:
        return None, None
    pid = int(match["pid"])
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().rstrip(b"\0").split(b"\0")
        command = " ".join(" ".join(a.decode(errors="replace") for a in args).split())
    except OSError:  # not Linux, or the holder is gone already
        command = ""
    if len(command) > 200:
        command = command[:197] + "..."
    return pid, command or match["program"]


def _is_lock_error(e: duckdb.Error) -> bool:
    return "Could not set lock" in str(e) or "Conflicting lock" in str(e)


def connect(database: str | Path, read_only: bool, timeout: float,
            config: dict | None = None,
            on_wait: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying with exponential backoff (0.1 s doubling to 2 s, with jitter)
    while another process holds its lock, for at most `timeout` seconds; then `WarehouseLocked`.
    A file DuckDB cannot open for any other reason raises `WarehouseBroken`.

    `on_wait` is told once, when the first attempt finds the file locked, who holds it.
    """
    path = Path(database)
    started = time.monotonic()
    delay = 0.1
    while True:
        try:
            config = {**(config or {}), **(READ_ONLY_CONFIG if read_only else {})}
            con = duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.Error as e:
            if not _is_lock_error(e):
                raise WarehouseBroken(path, str(e)) from None
            waited = time.monotonic() - started
            if waited >= timeout:
                raise WarehouseLocked(path, read_only, waited, str(e)) from None
            if on_wait is not None and delay == 0.1:
                pid, program = lock_holder(str(e))
                on_wait(f"the warehouse {path} is locked by process {pid} ({program}); "
                        f"retrying for up to {timeout:g} s")
            time.sleep(min(delay * random.uniform(0.8, 1.2), max(timeout - waited, 0.01)))
            delay = min(delay * 2, 2.0)
        else:
            return _lock_down(con) if read_only else con


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension from its package (`match_bm25` and the index need it)."""
    con.execute("LOAD '{}'".format(str(FTS_EXTENSION).replace("'", "''")))


def _lock_down(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Load fts, then apply `LOCK_DOWN`, unless this process's open connection to the same file
    did already: DuckDB shares one database instance between them, and its settings."""
    try:
        if not con.execute("SELECT current_setting('lock_configuration')").fetchone()[0]:
            load_fts(con)
            for statement in LOCK_DOWN:
                con.execute(statement)
    except BaseException:
        con.close()  # never hand out a connection that is not locked down
        raise
    return con


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


def open_read_only(database: str | Path, wait_seconds: float = DEFAULT_LOCK_TIMEOUT) -> duckdb.DuckDBPyConnection:
    """A read-only connection, retried while a materialisation holds the file's write lock;
    `WarehouseLocked` if it still does after `wait_seconds`."""
    path = Path(database)
    if not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path}: materialise it first (make run, or the Dagster UI)"
        )
    return connect(path, read_only=True, timeout=wait_seconds)


def insert_many(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...],
                rows: list[tuple], extra: str = "") -> None:
    """Insert `rows` in one statement that unnests one list parameter per column (DuckDB runs
    `executemany` row by row: 96% of storing Reuters' extractions went there); `table`, `columns`
    and `extra` are SQL the caller wrote (never input), `extra` being trailing values such as
    `current_timestamp`."""
    if rows:
        values = ", ".join("unnest(?)" for _ in rows[0])
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values}{extra}",
                    [list(column) for column in zip(*rows)])


def delete_articles(con: duckdb.DuckDBPyConnection, table: str, article_ids: list[str]) -> None:
    """Delete the rows of these articles from `table` (a name the caller wrote, never input)."""
    if article_ids:
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [article_ids])
