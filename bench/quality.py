"""`make quality`: the scorer in ../shared/eval on every gold set, through the real CLI.

Sets: `../shared/eval/dev.jsonl` (the 14 gold articles the task ships) and the held-out sets
in `tests/extraction/gold/` (see its README). Prints one line per set.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
GOLD = ROOT / "tests" / "extraction" / "gold"
MEASURES = GOLD / "measures.jsonl"  # labels of facts of the other sets, not a set of articles
GOLD_SETS = [EVAL / "dev.jsonl", *sorted(p for p in GOLD.glob("*.jsonl") if p != MEASURES)]


def extract(articles: list[dict], pred: Path) -> None:
    """`dealfacts extract` on gold articles (id, title and text only), its JSONL into `pred`."""
    source = pred.with_name("articles.jsonl")
    with open(source, "w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a["id"], "title": a.get("title"), "text": a["text"]}) + "\n")
    dealfacts = Path(sys.executable).parent / "dealfacts"
    with open(pred, "w", encoding="utf-8") as fh:
        subprocess.run([dealfacts, "extract", str(source)], stdout=fh, check=True)


def score(gold: Path) -> dict:
    """score.py's JSON report for `dealfacts extract` on the articles of `gold`."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        extract([json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()], pred)
        report = subprocess.run([sys.executable, EVAL / "score.py", gold, pred, "--json"],
                                capture_output=True, text=True, check=True).stdout
    return json.loads(report)


COLUMNS = ("money", "power", "chips", "facts", "compan", "deals", "d.facts", "typed", "roles", "status")


def main() -> None:
    """One line per gold set (those given on the command line, else every set)."""
    sets = [Path(p) for p in sys.argv[1:]] or GOLD_SETS
    print(f"{'set':<14} " + " ".join(f"{c:>7}" for c in COLUMNS) + "  grounding")
    for gold in sets:
        r = score(gold)
        tallies = [r["facts"][k] for k in ("money", "power", "chips")] + [
            r[k] for k in ("facts_all", "companies", "deals", "deal_facts", "typed_deals", "roles")]
        cells = [f"{t['f1']:.3f}" if t["tp"] + t["fp"] + t["fn"] else "-" for t in tallies]
        cells.append("-" if r["status_accuracy"] is None else f"{r['status_accuracy']:.3f}")
        print(f"{gold.stem:<14} " + " ".join(f"{c:>7}" for c in cells) + f"  {r['grounding_errors']}")


if __name__ == "__main__":
    main()
