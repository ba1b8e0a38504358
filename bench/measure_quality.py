"""How well `measure` says what a money figure is of, on the labelled facts of `gold/measures.jsonl`.

Each label names a gold article, the fact's text and offsets, and its measure. The articles are
extracted through the real CLI; a label is judged on the extracted fact that overlaps its
offsets (a label with none is counted as not found). Prints accuracy and the precision and
recall of `deal_value`, the one measure totals add; `--verbose` lists every disagreement.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from quality import GOLD_SETS, MEASURES, extract


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judged(labels: Path = MEASURES) -> list[tuple[dict, str | None]]:
    """Every label with the measure the extractor gave its fact (None where it found no fact)."""
    labels_ = _lines(labels)
    wanted = {label["id"] for label in labels_}
    articles = [a for gold in GOLD_SETS for a in _lines(gold) if a["id"] in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        extract(articles, pred)
        facts = {r["id"]: r["facts"] for r in _lines(pred)}
    return [(label, next((f["measure"] for f in facts[label["id"]]
                          if f["start"] < label["end"] and label["start"] < f["end"]), None)) for label in labels_]


def measure_score(pairs: list[tuple[dict, str | None]]) -> dict:
    """Accuracy over the labelled facts found, and deal_value's precision and recall."""
    found = [(label["measure"], got) for label, got in pairs if got is not None]
    tp = sum(gold == got == "deal_value" for gold, got in found)
    predicted = sum(got == "deal_value" for _, got in found)
    labelled = sum(gold == "deal_value" for gold, _ in found)
    return {"labels": len(pairs), "found": len(found),
            "accuracy": sum(gold == got for gold, got in found) / len(found),
            "deal_value": {"precision": tp / predicted if predicted else 1.0, "recall": tp / labelled if labelled else 1.0,
                           "tp": tp, "fp": predicted - tp, "fn": labelled - tp}}


def main() -> None:
    pairs = judged()
    r = measure_score(pairs)
    d = r["deal_value"]
    print(f"measures: {r['found']}/{r['labels']} labelled facts found, accuracy {r['accuracy']:.3f}; deal_value "
          f"P {d['precision']:.3f} R {d['recall']:.3f} (tp {d['tp']} fp {d['fp']} fn {d['fn']})")
    if "--verbose" in sys.argv[1:]:
        for label, got in pairs:
            if got != label["measure"]:
                print(f"  {label['id']}: {label['text']!r} gold {label['measure']}, got {got}")


if __name__ == "__main__":
    main()
