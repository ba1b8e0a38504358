"""Consolidation on the gold sets whose deals name their real-world event (bench/consolidation.py):
pairs of mentions put in one deal, against the pairs that report one event. Floors a little
under the scores measured (gold/README.md)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from consolidation import GOLD, gold_articles, score_extracted, score_gold_mentions  # noqa: E402

SETS = {GOLD: {"gold mentions": (0.80, 0.83), "extracted": (0.65, 0.22)},
        GOLD.with_name("consolidation-b.jsonl"): {"gold mentions": (0.90, 0.90), "extracted": (0.85, 0.30)}}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_pairs_of_mentions_put_in_one_deal(path):
    articles = gold_articles(path)
    for way, result in (("gold mentions", score_gold_mentions(articles)), ("extracted", score_extracted(articles))):
        precision, recall = SETS[path][way]
        assert result["precision"] >= precision and result["recall"] >= recall, (way, result)
