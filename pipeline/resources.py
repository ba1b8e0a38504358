"""Resources: where the corpus and the warehouse are, and the extractor, set from the environment.

`DEALFACTS_CORPUS` (default `corpus/`), `DEALFACTS_WAREHOUSE` (default
`warehouse/dealfacts.duckdb`), `DEALFACTS_LOCK_TIMEOUT` (default 30 seconds),
`DEALFACTS_PROCESSES` (default: every core) and `DEALFACTS_DASK_SCHEDULER` (default: none) are
read here and nowhere else; when set they are passed as `dg.EnvVar`, so the UI shows which
variable a value came from.
"""
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import Field

from extractors.extract import BATCH_SIZE
from extractors.models import Article, ArticleFacts, Rejection
from extractors.readers import BOMS, MAX_FILE_BYTES, corpus_files, path_name, read_paths
from pipeline.engines import available_cores, in_process, in_worker_processes, on_dask
from warehouse.connection import DEFAULT_LOCK_TIMEOUT, WarehouseBroken, WarehouseLocked, connect
from warehouse.connection import DEFAULT_PATH as DEFAULT_WAREHOUSE
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
        """The files the readers read, named as the readers name them."""
        return [path_name(p) for p in corpus_files(self.path)]

    def items(self) -> dict[str, int | None]:
        """Each file the readers read, with the number of articles it holds, counted without
        the readers: the non-blank lines of a JSONL file, the items of a JSON array; None for
        a file of one article (or one that cannot be counted, which the readers reject whole)."""
        return {path_name(p): _count_items(p) for p in corpus_files(self.path)}

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


def _count_items(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl"):
        return None
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    codec = next((c for bom, c in BOMS if data.startswith(bom)), "utf-8-sig")
    text = data.decode(codec, errors="surrogateescape" if codec == "utf-8-sig" else "replace")
    if suffix == ".jsonl":  # split as the reader splits: on "\n" only
        return sum(1 for line in text.split("\n") if line.strip())
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # the readers reject it whole: one article in
        return None
    return len(value) if isinstance(value, list) else None


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: migrated write connections and read-only connections for checks,
    both waiting up to `lock_timeout` seconds for another process to let go of the file."""

    duckdb: DuckDBResource
    lock_timeout: int = Field(
        default=DEFAULT_LOCK_TIMEOUT,
        description="Seconds to wait, retrying with backoff, while another process (a DuckDB "
        "shell, a notebook, another run) holds the warehouse file; then the step fails saying "
        "which process it is (DEALFACTS_LOCK_TIMEOUT).")
    articles_per_transaction: int = Field(
        default=200,
        description="Extracted articles stored per transaction: a crash loses at most one "
        "batch's work, never leaves half of it.")

    def _connect(self, read_only: bool, log: dg.DagsterLogManager | None) -> duckdb.DuckDBPyConnection:
        try:
            return connect(self.duckdb.database, read_only=read_only, timeout=self.lock_timeout,
                           config=self.duckdb.connection_config,
                           on_wait=(log or dg.get_dagster_logger()).warning)
        except WarehouseLocked as e:
            # A Failure shows its message as the step's error, not DuckDB's traceback.
            raise dg.Failure(description=str(e), metadata={
                "warehouse": str(e.path), "holder_pid": e.pid or 0, "holder": e.program or "unknown",
                "lock_timeout": self.lock_timeout}) from None
        except WarehouseBroken as e:
            raise dg.Failure(description=str(e), metadata={"warehouse": str(e.path)}) from None

    @contextmanager
    def writer(self, log: dg.DagsterLogManager | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        Path(self.duckdb.database).parent.mkdir(parents=True, exist_ok=True)
        con = self._connect(read_only=False, log=log)
        try:
            migrate(con)
            yield con
        finally:  # also on failure: a failed step must not keep the file
            con.close()

    @contextmanager
    def reader(self, log: dg.DagsterLogManager | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        if not Path(self.duckdb.database).exists():
            raise dg.Failure(f"no warehouse at {self.duckdb.database}: materialise the articles first")
        con = self._connect(read_only=True, log=log)
        try:
            yield con
        finally:
            con.close()


class ExtractorResource(dg.ConfigurableResource):
    """Runs the spaCy-based extractor in this process, in worker processes on this machine or
    on a Dask cluster (`pipeline/engines.py`), yielding records in the order of the articles."""

    processes: int = Field(
        default=available_cores(),
        description="Worker processes on this machine, each with its own spaCy pipeline (about 0.3 GB); "
        "default: every core this process may use. 1 extracts in the Dagster process itself "
        "(DEALFACTS_PROCESSES).")
    batch_size: int = Field(
        default=BATCH_SIZE,
        description="Articles per spaCy batch, and per chunk sent to a worker.")
    scheduler: str | None = Field(
        default=None,
        description="Address of a Dask scheduler (`tcp://host:8786`): when set, its workers extract "
        "and `processes` is not used (DEALFACTS_DASK_SCHEDULER).")

    def extract_many(self, articles: Sequence[Article], log: dg.DagsterLogManager) -> Iterator[ArticleFacts]:
        """The records of `articles`, in their order. Worker processes are started only for more
        than one chunk of articles: each loads spaCy, which costs more than a few articles."""
        if self.scheduler:
            yield from self._on_dask(articles, log)
            return
        workers = min(self.processes, -(-len(articles) // self.batch_size))
        if workers > 1:
            log.info(f"extracting {len(articles)} articles in {workers} worker processes")
            yield from in_worker_processes(articles, workers, self.batch_size)
        else:
            log.info(f"extracting {len(articles)} articles in this process")
            yield from in_process(articles, self.batch_size)

    def _on_dask(self, articles: Sequence[Article], log: dg.DagsterLogManager) -> Iterator[ArticleFacts]:
        from distributed import Client

        try:  # for as long as Dask's distributed.comm.timeouts.connect (30 s)
            client = Client(self.scheduler, set_as_default=False)
        except OSError as e:  # a Failure shows its message as the step's error
            raise dg.Failure(f"cannot reach the Dask scheduler at {self.scheduler} (DEALFACTS_DASK_SCHEDULER): {e}",
                             metadata={"scheduler": self.scheduler}) from None
        with client:
            workers = client.nthreads()
            log.info(f"extracting {len(articles)} articles on the Dask cluster at {self.scheduler}: "
                     f"{len(workers)} workers, {sum(workers.values())} threads")
            yield from on_dask(articles, client, self.batch_size)


def _setting(name: str, default: str | None) -> str | dg.EnvVar | None:
    return dg.EnvVar(name) if name in os.environ else default


def _int_setting(name: str, default: int) -> int | dg.EnvVar:
    return dg.EnvVar.int(name) if name in os.environ else default


def from_environment() -> dict[str, dg.ConfigurableResource]:
    """The resources, configured from DEALFACTS_* variables or the project defaults."""
    database = DuckDBResource(database=_setting("DEALFACTS_WAREHOUSE", DEFAULT_WAREHOUSE))
    return {
        "corpus": CorpusResource(path=_setting("DEALFACTS_CORPUS", DEFAULT_CORPUS)),
        "warehouse": WarehouseResource(
            duckdb=database,
            lock_timeout=_int_setting("DEALFACTS_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)),
        "extractor": ExtractorResource(processes=_int_setting("DEALFACTS_PROCESSES", available_cores()),
                                       scheduler=_setting("DEALFACTS_DASK_SCHEDULER", None)),
    }
