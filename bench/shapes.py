"""Time and peak memory of `dealfacts extract` on hostile shapes of text, at several sizes.

Each shape is a text built to stress one part of the pipeline (long runs of capitalised words or
numbers, repeated money phrases, a megabyte on one line, deeply nested HTML). Every (shape, size)
runs in a child process of its own, so its peak RSS is its own; a child that passes
`--timeout` seconds is killed and shown as such. The default sizes are 100 KB, the readers'
limit on article text (128 KB) and a megabyte, whose text is rejected unless markup made it.

    .venv/bin/python bench/shapes.py [--sizes 100000,131072] [--shapes digits,html] [--timeout 120]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("Alder Birch Cedar Dogwood Elm Fir Ginkgo Hazel Ironwood Juniper Kapok Larch Maple "
         "Nutmeg Oak Pine Quince Rowan Spruce Teak Upas Viburnum Willow Yew Zelkova").split()
NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty".split()
PROSE = ("Microsoft agreed to buy 100,000 Nvidia GB300 chips from Nvidia for $9.7 billion, and "
         "OpenAI said AMD would supply 6 gigawatts of Instinct GPUs. ")


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _cycle(words: list[str], size: int) -> str:
    out, n = [], 0
    while n + len(words[len(out) % len(words)]) <= size:
        w = words[len(out) % len(words)]
        out.append(w)
        n += len(w) + 1
    return " ".join(out)


SHAPES = {
    "capitalised": lambda n: _cycle(WORDS, n),
    "digits": lambda n: _cycle([str(i % 997 + 1) for i in range(997)], n),
    "number_words": lambda n: _cycle(NUMBER_WORDS, n),
    "money_phrases": lambda n: _repeat("about $3 billion, ", n),
    "money_sentences": lambda n: _repeat("It paid about $3 billion. ", n),
    "one_line": lambda n: _repeat(PROSE, n),
    "nested_html": lambda n: ("<html><body>" + "<div>" * (n // 11) + "<p>Acme paid $3 billion.</p>"
                              + "</div>" * (n // 11) + "</body></html>"),
}
SUFFIX = {"nested_html": ".html"}


def measure(shape: str, size: int) -> dict:
    """Extract one article of `shape` and `size` bytes in this process: seconds, peak RSS."""
    from extractors.extract import Extractor
    from extractors.models import Article
    from extractors.readers import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"{shape}{SUFFIX.get(shape, '.txt')}")
        path.write_text(SHAPES[shape](size), encoding="utf-8")
        extractor = Extractor()
        start = time.perf_counter()
        items = list(read_paths([path]))
        facts = sum(len(r.facts) for r in extractor.extract_many(i for i in items if isinstance(i, Article)))
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rejected = next((i.reason for i in items if not isinstance(i, Article)), "")
    return {"shape": shape, "size": size, "seconds": round(seconds, 2), "peak_mb": round(peak),
            "facts": facts, "rejected": rejected}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,131072,1000000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return
    print(f"{'shape':<16} {'bytes':>9} {'seconds':>8} {'peak MB':>8} {'facts':>6}")
    for shape in args.shapes.split(","):
        for size in map(int, args.sizes.split(",")):
            try:
                out = subprocess.run([sys.executable, __file__, "--child", shape, str(size)],
                                     capture_output=True, text=True, timeout=args.timeout, check=True)
                r = json.loads(out.stdout.splitlines()[-1])
                print(f"{shape:<16} {size:>9,} {r['seconds']:>8.2f} {r['peak_mb']:>8,} {r['facts']:>6}"
                      f"{'  rejected: ' + r['rejected'] if r['rejected'] else ''}", flush=True)
            except subprocess.TimeoutExpired:
                print(f"{shape:<16} {size:>9,} {'>' + str(int(args.timeout)):>8} {'-':>8} {'-':>6}", flush=True)
            except subprocess.CalledProcessError as e:
                print(f"{shape:<16} {size:>9,} failed: {e.stderr.strip().splitlines()[-1]}", flush=True)


if __name__ == "__main__":
    main()
