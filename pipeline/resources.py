"""Resources: where the corpus and the warehouse are, and the extractor, set from the environment.

`DEALFACTS_CORPUS` (default `corpus/`) and `DEALFACTS_WAREHOUSE` (default
`warehouse/dealfacts.duckdb`) are read here and nowhere else; when set they are passed as
`dg.EnvVar`, so the UI shows which variable a value came from.
"""
import functools
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from extractors.extract import Extractor
from extractors.models import Article, Rejection
from extractors.readers import SUPPORTED_SUFFIXES, read_paths
from warehouse.connection import DEFAULT_PATH as DEFAULT_WAREHOUSE
from warehouse.connection import open_read_only
from warehouse.schema import migrate

DEFAULT_CORPUS = "corpus/"


class CorpusResource(dg.ConfigurableResource):
    """The folder (or file) of articles the warehouse mirrors."""

    path: str

    def read(self) -> Iterator[Article | Rejection]:
        if not Path(self.path).exists():
            # Refuse rather than read nothing: an empty read would delete every stored article.
            raise dg.Failure(f"corpus {self.path!r} does not exist (set DEALFACTS_CORPUS)")
        return read_paths([self.path])

    def files(self) -> list[str]:
        """The files the readers read, named as the readers name them: supported types, not hidden."""
        if not Path(self.path).is_dir():
            return [self.path]
        found = []
        for root, dirs, names in os.walk(self.path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [str(Path(root, name)) for name in names
                      if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES]
        return sorted(found)

    def fingerprint(self) -> str:
        """Changes whenever a file is added, deleted or rewritten (by size or mtime)."""
        digest = hashlib.sha256()
        for name in self.files():
            try:
                stat = os.stat(name)
                version = f"{stat.st_size}\0{stat.st_mtime_ns}"
            except OSError:  # a broken symlink is still a file the readers will reject
                version = "unreadable"
            digest.update(f"{name}\0{version}\n".encode())
        return digest.hexdigest()


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: migrated write connections from the dagster-duckdb resource, and
    read-only connections for checks."""

    duckdb: DuckDBResource

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        Path(self.duckdb.database).parent.mkdir(parents=True, exist_ok=True)
        with self.duckdb.get_connection() as con:
            try:
                migrate(con)
                yield con
            finally:  # get_connection closes only on success; a failed step must not keep the file
                con.close()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = open_read_only(self.duckdb.database)
        try:
            yield con
        finally:
            con.close()


class ExtractorResource(dg.ConfigurableResource):
    """The spaCy-based extractor, loaded once per process (loading takes seconds)."""

    processes: int = 1
    batch_size: int = 64

    def get(self) -> Extractor:
        return _extractor(self.processes, self.batch_size)


@functools.cache
def _extractor(processes: int, batch_size: int) -> Extractor:
    return Extractor(n_process=processes, batch_size=batch_size)


def _setting(name: str, default: str) -> str | dg.EnvVar:
    return dg.EnvVar(name) if name in os.environ else default


def from_environment() -> dict[str, dg.ConfigurableResource]:
    """The resources, configured from DEALFACTS_* variables or the project defaults."""
    database = DuckDBResource(database=_setting("DEALFACTS_WAREHOUSE", DEFAULT_WAREHOUSE))
    return {
        "corpus": CorpusResource(path=_setting("DEALFACTS_CORPUS", DEFAULT_CORPUS)),
        "warehouse": WarehouseResource(duckdb=database),
        "extractor": ExtractorResource(),
    }
