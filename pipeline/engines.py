"""Where extraction runs: in this process, in worker processes on this machine, or on a Dask
cluster. Every engine yields `ArticleFacts` in the order of the articles it was given, so the
one DuckDB writer stores the same batches in the same transactions whichever engine ran them.

Workers receive chunks of `batch_size` articles (one spaCy batch each, the batches the
in-process run makes) and return Pydantic records rather than spaCy docs: spaCy's own
`n_process` sends every doc back to the parent, which unpickles it and makes the record itself
(on 1,500 Reuters articles, two processes: 19.3 s with `n_process`, 14.3 s here; one: 24.3 s).
A worker loads the extractor once.
At most `WINDOW` chunks per worker are in flight, so neither the queue of articles sent nor
that of results waiting for the writer grows with the corpus. This module knows neither
Dagster nor DuckDB: Dask workers import it.
"""
from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Protocol

from extractors.extract import EXTRACTOR_VERSION, Extractor
from extractors.models import Article, ArticleFacts

if TYPE_CHECKING:
    from distributed import Client

WINDOW = 3  # chunks in flight per worker: one running, the next ones queued while the writer catches up


class ExtractorMismatch(RuntimeError):
    """A worker runs another extractor version than the pipeline that stores its results."""


class _Future(Protocol):
    def result(self) -> list[ArticleFacts]: ...


def available_cores() -> int:
    """The cores this process may run on: its CPU affinity, which a container or `taskset`
    may set below `os.cpu_count()`."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@functools.cache
def extractor(batch_size: int) -> Extractor:
    """One extractor per process: loading spaCy takes seconds."""
    return Extractor(batch_size=batch_size)


_one_at_a_time = threading.Lock()  # a Dask worker with several threads shares one pipeline


def extract_chunk(articles: list[Article], batch_size: int, version: str) -> list[ArticleFacts]:
    """A worker's task: the records of `articles`, extracted by this process's extractor, which
    must be the version the pipeline stores them as."""
    if version != EXTRACTOR_VERSION:
        raise ExtractorMismatch(f"this worker runs extractor {EXTRACTOR_VERSION}, the pipeline {version}: "
                                "install the same dealfacts on every worker")
    with _one_at_a_time:
        return list(extractor(batch_size).extract_many(articles))


def in_process(articles: Sequence[Article], batch_size: int) -> Iterator[ArticleFacts]:
    return extractor(batch_size).extract_many(articles)


def in_worker_processes(articles: Iterable[Article], processes: int, batch_size: int) -> Iterator[ArticleFacts]:
    """Worker processes on this machine. They are spawned, not forked: the Dagster process runs
    threads, and a fork copies whatever locks they hold."""
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(batch_size,))
    try:
        yield from _in_order(lambda chunk: pool.submit(extract_chunk, chunk, batch_size, EXTRACTOR_VERSION),
                             _chunks(articles, batch_size), WINDOW * processes)
    finally:  # a failed writer stops the workers after their current chunk
        pool.shutdown(cancel_futures=True)


def _start_worker(batch_size: int) -> None:
    """Load the extractor, and exit when the parent does: a pool's workers hold its queue open
    themselves, so a parent killed with SIGKILL would otherwise leave them waiting on it."""
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    extractor(batch_size)


def _exit_with_parent() -> None:
    multiprocessing.parent_process().join()
    os._exit(1)


def on_dask(articles: Sequence[Article], client: Client, batch_size: int) -> Iterator[ArticleFacts]:
    """The workers of the Dask cluster `client` is connected to. Chunks are not `pure`: one sent
    twice is extracted twice rather than served from the cluster's memory."""
    threads = max(1, sum(client.nthreads().values()))
    yield from _in_order(lambda chunk: client.submit(extract_chunk, chunk, batch_size, EXTRACTOR_VERSION, pure=False),
                         _chunks(articles, batch_size), WINDOW * threads)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    remaining = iter(articles)
    while chunk := list(itertools.islice(remaining, size)):
        yield chunk


def _in_order(submit: Callable[[list[Article]], _Future], chunks: Iterator[list[Article]],
              window: int) -> Iterator[ArticleFacts]:
    """Results chunk by chunk in the order submitted, keeping `window` chunks submitted ahead."""
    pending: deque[_Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
