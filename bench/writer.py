"""How many articles per second the one DuckDB writer stores: `store_batch` on Reuters' records.

Extraction scales out (worker processes, a Dask cluster) but storing stays in the Dagster process,
as DuckDB has one writer. This extracts the first `--limit` Reuters articles on every core, then
stores their records `--copies` times under new ids (a corpus that many times larger) into a new
warehouse in transactions of 200, as the extract step does, timing only the stores, and prints
the rate overall and in the last copy (when the warehouse is largest).

    .venv/bin/python bench/writer.py --limit 4000 --copies 5
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time

import duckdb

from bench import load_texts
from extractors.extract import BATCH_SIZE, EXTRACTOR_VERSION
from extractors.models import Article
from pipeline.engines import available_cores, in_worker_processes
from warehouse.extractions import store_batch
from warehouse.schema import migrate

PER_TRANSACTION = 200


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=4000, help="Reuters articles extracted (those with text)")
    ap.add_argument("--copies", type=int, default=5, help="times their records are stored, under new ids")
    args = ap.parse_args()
    articles = [Article(id=r["id"], text=r["text"], title=r["title"]) for r in load_texts(args.limit)]
    started = time.perf_counter()
    records = list(in_worker_processes(articles, available_cores(), BATCH_SIZE))
    extracted = time.perf_counter() - started
    print(f"extracted {len(records)} articles on {available_cores()} cores in {extracted:.1f} s "
          f"({len(records) / extracted:.1f} articles/s)")
    facts = sum(len(r.facts) for r in records)
    with tempfile.TemporaryDirectory() as folder, duckdb.connect(f"{folder}/dealfacts.duckdb") as con:
        migrate(con)
        seconds = []
        for copy in range(args.copies):
            batch_records = [r.model_copy(update={"id": f"{r.id}~{copy}"}) for r in records]
            hashes = {r.id: "-" for r in batch_records}
            started = time.perf_counter()
            for start in range(0, len(batch_records), PER_TRANSACTION):
                store_batch(con, batch_records[start:start + PER_TRANSACTION], hashes, EXTRACTOR_VERSION)
            seconds.append(time.perf_counter() - started)
    total = len(records) * args.copies
    print(f"stored {total} articles ({facts * args.copies} facts) in transactions of {PER_TRANSACTION} "
          f"in {sum(seconds):.1f} s: {total / sum(seconds):.0f} articles/s overall, "
          f"{len(records) / seconds[-1]:.0f} articles/s in the last {len(records)} "
          f"(warehouse at {total} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
