"""The warehouse schema: numbered SQL files in `sql/`, applied in order, each exactly once.

`schema_version` records what has been applied, so an existing warehouse is upgraded in place
by adding a file (`003_….sql`), never by editing one that has shipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.connection import transaction

SQL_DIR = Path(__file__).with_name("sql")
_NAME = re.compile(r"(\d{3})_(\w+)\.sql")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def migrations() -> list[Migration]:
    """Every schema file, in version order; a malformed name or a reused number is an error."""
    found = []
    for path in sorted(SQL_DIR.glob("*.sql")):
        match = _NAME.fullmatch(path.name)
        if match is None:
            raise ValueError(f"{path.name}: schema files are named NNN_description.sql")
        found.append(Migration(int(match[1]), match[2], path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ValueError(f"two schema files share a version number in {SQL_DIR}")
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied version, 0 for an empty database."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the schema files not yet applied, each in its own transaction; return their versions."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = current_version(con)
    applied = []
    for migration in migrations():
        if migration.version <= done:
            continue
        with transaction(con):
            con.execute(migration.path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                [migration.version, migration.name],
            )
        applied.append(migration.version)
    return applied
