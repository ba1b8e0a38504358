"""`make bench-scale`: extraction's cost per article at 1,000, 5,000 and 20,000 Reuters articles.

Each size runs in a child process of its own (as in `make bench`), so its time and peak RSS are
its own: a cost per article that stays flat as the corpus grows, and a peak that does not grow
with it, say that nothing in extraction accumulates. Reuters has 19,779 articles with text; the
20,000 repeat the first 221. Prints the load average before each size.

    .venv/bin/python bench/growth.py [--sizes 1000,5000,20000] [--processes 1]
"""
from __future__ import annotations

import argparse
import os

from bench import child


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    print(f"{'articles':>8} {'words':>10} {'seconds':>8} {'ms/article':>10} {'ms/1k words':>11} {'peak MB':>8}  load")
    for size in map(int, args.sizes.split(",")):
        load = os.getloadavg()[0]
        r = child("dealfacts", size, args.processes)
        print(f"{r['articles']:>8,} {r['words']:>10,} {r['seconds']:>8.1f} {1000 * r['seconds'] / r['articles']:>10.2f} "
              f"{1e6 * r['seconds'] / r['words']:>11.1f} {r['peak_mb']:>8,.0f}  {load:.2f}", flush=True)


if __name__ == "__main__":
    main()
