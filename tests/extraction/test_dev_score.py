"""The quality bar: the scorer in ../shared/eval on the 14 gold articles, through the real CLI."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
DEALFACTS = Path(sys.executable).parent / "dealfacts"


@pytest.fixture(scope="module")
def score(tmp_path_factory):
    if not (EVAL / "dev.jsonl").exists():
        pytest.fail(f"gold set missing at {EVAL}: CI lays ../shared beside the project")
    tmp = tmp_path_factory.mktemp("dev")
    articles = tmp / "dev.jsonl"
    with open(EVAL / "dev.jsonl") as gold, open(articles, "w") as out:
        for line in gold:
            a = json.loads(line)
            out.write(json.dumps({"id": a["id"], "title": a.get("title"), "text": a["text"]}) + "\n")
    pred = tmp / "pred.jsonl"
    with open(pred, "w") as fh:
        subprocess.run([DEALFACTS, "extract", "--format", "jsonl", str(articles)], stdout=fh, check=True)
    out = subprocess.run([sys.executable, EVAL / "score.py", EVAL / "dev.jsonl", pred, "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("kind", ["money", "power", "chips"])
def test_facts_per_kind(score, kind):
    assert score["facts"][kind]["f1"] >= 0.90
    assert score["facts_strict"][kind]["f1"] >= 0.85


def test_companies(score):
    assert score["companies"]["f1"] >= 0.85


def test_deals(score):
    assert score["deals"]["f1"] >= 0.70


def test_every_fact_is_grounded(score):
    assert score["missing_articles"] == []
    bad, total = map(int, score["grounding_errors"].split("/"))
    assert bad == 0 and total > 0
