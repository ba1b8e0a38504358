"""The quality bar: the scorer in ../shared/eval on every gold set, through the real CLI.

`dev` is the task's 14 gold articles; the sets in `gold/` are held-out news annotated apart
from the rules (see gold/README.md). Each set is held to floors a little under what it scores
now, so a change that makes any set worse fails here.
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from quality import EVAL, GOLD_SETS, score  # noqa: E402

METRICS = ("facts", "strict", "companies", "deals", "deal_facts", "typed_deals", "roles", "status")
# set → floor per metric, in METRICS order (facts and strict facts: F1 of each kind the set has)
FLOORS = {
    "dev": (0.95, 0.95, 0.95, 0.65, 0.55, 0.33, 0.40, 0.88),
    "ai-deals-a": (0.95, 0.95, 0.95, 0.74, 0.59, 0.40, 0.46, 0.85),
    "ai-deals-b": (0.95, 0.90, 0.90, 0.69, 0.47, 0.57, 0.52, 0.88),
    "consolidation": (0.95, 0.95, 0.88, 0.68, 0.77, 0.58, 0.62, 0.74),
    "consolidation-b": (0.93, 0.90, 0.85, 0.68, 0.58, 0.60, 0.63, 0.82),
    "newsc-ai": (0.85, 0.85, 0.95, 0.66, 0.53, 0.34, 0.40, 0.62),
    "newsc-biz": (0.95, 0.90, 0.88, 0.54, 0.38, 0.48, 0.49, 0.74),
    "newsd-ai": (0.95, 0.95, 0.92, 0.58, 0.47, 0.53, 0.61, 0.70),
    "newsd-biz": (0.95, 0.95, 0.84, 0.60, 0.42, 0.48, 0.47, 0.90),
    "newse-ai": (0.95, 0.85, 0.88, 0.40, 0.27, 0.37, 0.49, 0.44),
    "newse-biz": (0.88, 0.85, 0.72, 0.14, 0.08, 0.13, 0.23, 0.60),
    "reuters-a": (0.95, 0.95, 0.88, 0.85, 0.42, 0.75, 0.58, 0.63),
    "reuters-b": (0.95, 0.95, 0.85, 0.76, 0.25, 0.63, 0.65, 0.85),
}


@pytest.fixture(scope="module", params=GOLD_SETS, ids=lambda p: p.stem)
def scored(request):
    if not (EVAL / "dev.jsonl").exists():
        pytest.fail(f"gold set missing at {EVAL}: CI lays ../shared beside the project")
    return request.param.stem, score(request.param)


def test_every_gold_set_has_its_floors():
    assert {p.stem for p in GOLD_SETS} == set(FLOORS)


def test_facts_per_kind(scored):
    name, report = scored
    facts, strict = FLOORS[name][:2]
    for kind, tally in report["facts"].items():
        if tally["tp"] + tally["fn"] + tally["fp"]:  # the set or the extractor has facts of this kind
            assert tally["f1"] >= facts, kind
            assert report["facts_strict"][kind]["f1"] >= strict, kind


@pytest.mark.parametrize("metric", METRICS[2:])
def test_companies_and_deals(scored, metric):
    name, report = scored
    floor = FLOORS[name][METRICS.index(metric)]
    got = report["status_accuracy"] if metric == "status" else report[metric]["f1"]
    assert got >= floor, f"{name} {metric} {got} < {floor}"


def test_every_fact_is_grounded(scored):
    _, report = scored
    assert report["missing_articles"] == []
    bad, total = map(int, report["grounding_errors"].split("/"))
    assert bad == 0 and total > 0
