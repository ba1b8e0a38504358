"""The first load of Reuters-21578 through the whole pipeline, timed and with its peak memory.

Writes the 21,578 stories of `shared/corpora/reuters21578/articles.jsonl.gz` as 22 JSONL files
of up to 1,000 lines (one file would be over the readers' 20 MB limit), runs `dagster asset
materialize -m pipeline.definitions --select '*'` into a new warehouse, and prints the wall time,
the `articles` and `extract` steps' times, and the peak of the summed RSS of the Dagster process
and all its children (the extraction workers), sampled every 0.2 s from /proc. Every other
setting comes from the environment as for `make run`: `--processes` sets DEALFACTS_PROCESSES,
`--scheduler` DEALFACTS_DASK_SCHEDULER.

    .venv/bin/python bench/reuters_pipeline.py                  # every core
    .venv/bin/python bench/reuters_pipeline.py --processes 1    # extraction in the Dagster process
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import CORPUS

LINES_PER_FILE = 1000
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def write_corpus(folder: Path) -> int:
    folder.mkdir(parents=True)
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for n, part in enumerate(iter(lambda: list(itertools.islice(lines, LINES_PER_FILE)), [])):
            (folder / f"reuters-{n:02d}.jsonl").write_text("".join(part), encoding="utf-8")
    return n + 1


def tree(pid: int) -> list[int]:
    """`pid` and every process it started, and theirs."""
    try:
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except FileNotFoundError:
        return []
    return [pid] + [p for child in children for p in tree(child)]


def rss_and_cpu(pid: int) -> tuple[int, float]:
    """Resident bytes and CPU seconds (user + system) of a process; zero once it is gone."""
    try:
        resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        utime, stime = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13]
    except FileNotFoundError:
        return 0, 0.0
    return resident, (int(utime) + int(stime)) / TICKS


class PeakMemory(threading.Thread):
    """While a process tree runs: the largest sum of RSS, the largest single process, and each
    process's CPU seconds as last seen."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.total, self.largest = pid, 0, 0
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            sampled = {p: rss_and_cpu(p) for p in tree(self.pid)}
            self.total = max(self.total, sum(resident for resident, _ in sampled.values()))
            self.largest = max([self.largest, *(resident for resident, _ in sampled.values())])
            self.cpu.update({p: cpu for p, (_, cpu) in sampled.items() if cpu})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--processes", type=int, help="DEALFACTS_PROCESSES (default: every core)")
    ap.add_argument("--scheduler", help="DEALFACTS_DASK_SCHEDULER: a Dask scheduler's address")
    ap.add_argument("--keep", type=Path, help="work in this (new) folder and keep it, rather than a temporary one")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="reuters-pipeline-"))
    files = write_corpus(work / "corpus")
    (work / "dagster_home").mkdir()
    (work / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {**os.environ, "DEALFACTS_CORPUS": str(work / "corpus"), "DEALFACTS_WAREHOUSE": str(work / "dealfacts.duckdb"),
           "DAGSTER_HOME": str(work / "dagster_home"), "PYTHONWARNINGS": "ignore"}
    for name, value in [("DEALFACTS_PROCESSES", args.processes), ("DEALFACTS_DASK_SCHEDULER", args.scheduler)]:
        if value is not None:
            env[name] = str(value)
    load = os.getloadavg()[0]
    started = time.monotonic()
    with open(work / "run.log", "w") as log:
        run = subprocess.Popen([str(Path(sys.executable).parent / "dagster"), "asset", "materialize", "-m",
                                "pipeline.definitions", "--select", "*"], env=env, stdout=log, stderr=subprocess.STDOUT)
        memory = PeakMemory(run.pid)
        memory.start()
        code = run.wait()
        memory.done.set()
    wall = time.monotonic() - started
    text = (work / "run.log").read_text()
    steps = dict(re.findall(r'Finished execution of step "(\w+)" in ([\dhms.]+?)\.(?:\s|$)', text))
    engine = re.search(r"extracting \d+ articles [^\n]*", text)
    print(f"corpus: {files} files in {work / 'corpus'}; load average {load:.2f} before the run")
    print(f"engine: {engine[0] if engine else 'nothing extracted'}")
    print(f"wall time {wall:.1f} s (exit code {code}); articles {steps.get('articles', '?')}, "
          f"extract {steps.get('extract', '?')}")
    print(f"peak memory {memory.total / 2**30:.2f} GB summed over the Dagster process and its children "
          f"(largest process {memory.largest / 2**30:.2f} GB)")
    others = sum(cpu for pid, cpu in memory.cpu.items() if pid != run.pid)
    print(f"CPU: Dagster process {memory.cpu.get(run.pid, 0):.0f} s, {len(memory.cpu) - 1} other processes "
          f"{others:.0f} s; log in {work / 'run.log'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
