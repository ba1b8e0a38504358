"""How well article deals are consolidated into real-world deals, on a gold set whose deals carry
an `event` naming the real-world deal (tests/extraction/gold/consolidation.jsonl).

Scored on pairs of mentions: a pair is right when both report one event and both sit in one
consolidated deal. Two ways:
- `gold mentions`: the gold deals themselves are consolidated, so only consolidation is scored;
- `extracted`: the articles go through the extractor and the warehouse as in the pipeline; each
  extracted deal stands for the gold deal of its article with the same type and companies (else
  none, and every pair it is put in is wrong), and a gold pair whose deals were not extracted is
  missed.
"""
from __future__ import annotations

import json
import sys
from datetime import datetime
from itertools import combinations
from pathlib import Path

import duckdb

from extractors.companies import company_id
from extractors.extract import Extractor
from extractors.models import Article
from warehouse.articles import load_corpus
from warehouse.consolidation import Figure, Mention, Party, assign, consolidate
from warehouse.extractions import store_batch
from warehouse.schema import migrate

GOLD = Path(__file__).resolve().parents[1] / "tests" / "extraction" / "gold" / "consolidation.jsonl"
Key = tuple[str, int]


def gold_articles(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _published(article: dict) -> datetime | None:
    return datetime.fromisoformat(article["published"]) if article.get("published") else None


def gold_mentions(articles: list[dict]) -> tuple[list[Mention], dict[Key, str]]:
    """The gold deals as mentions, and the event of each."""
    found, events = [], {}
    for a in articles:
        for i, deal in enumerate(a["deals"]):
            parties = tuple(Party(company_id(name), name, deal["roles"][name]) for name in deal["parties"])
            figures = tuple(Figure(f["kind"], None, f.get("value"), f.get("low"), f.get("high"),
                                   f.get("qualifier", "exact"), f.get("currency"), f.get("per"))
                            for f in (a["facts"][j] for j in deal["facts"]))
            found.append(Mention(a["id"], i, deal["type"], deal["status"], _published(a), parties, figures))
            events[a["id"], i] = deal["event"]
    return found, events


def extracted_assignment(articles: list[dict]) -> tuple[dict[Key, str], dict[Key, frozenset]]:
    """Run extraction and consolidation as the pipeline does, into a warehouse in memory: each
    extracted deal's consolidated deal, and its (type, companies)."""
    con = duckdb.connect()
    migrate(con)
    items = [Article(id=a["id"], title=a.get("title"), published=a.get("published"), text=a["text"]) for a in articles]
    load_corpus(con, items)
    hashes = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
    store_batch(con, Extractor().extract_many(items), hashes, "bench")
    consolidate(con)
    assigned = {(a, i): d for a, i, d in con.execute("SELECT article_id, deal_index, deal_id FROM deal_mentions").fetchall()}
    shapes = {(a, i): frozenset([t, *ids]) for a, i, t, ids in con.execute(
        "SELECT d.article_id, d.deal_index, d.type, list(coalesce(p.company_id, p.party)) FILTER (p.role <> 'adviser') "
        "FROM article_deals d JOIN article_deal_parties p USING (article_id, deal_index) GROUP BY ALL").fetchall()}
    return assigned, shapes


def _same_deal_pairs(assigned: dict[Key, str]) -> set[frozenset[Key]]:
    return {frozenset(p) for p in combinations(sorted(assigned), 2) if assigned[p[0]] == assigned[p[1]]}


def _score(said: set[frozenset], right: int, gold: set[frozenset], found: int) -> dict:
    return {"pairs said": len(said), "right": right, "gold pairs": len(gold),
            "precision": right / len(said) if said else 1.0, "recall": found / len(gold) if gold else 1.0}


def score_gold_mentions(articles: list[dict]) -> dict:
    """Consolidation alone: the gold deals consolidated, pairs compared with the events'."""
    mentions, events = gold_mentions(articles)
    said, gold = _same_deal_pairs(assign(mentions)), _same_deal_pairs(events)
    return _score(said, len(said & gold), gold, len(said & gold))


def score_extracted(articles: list[dict]) -> dict:
    """Extraction and consolidation together (see the module's docstring)."""
    mentions, events = gold_mentions(articles)
    gold_shape = {m.key: frozenset([m.type, *m.roles]) for m in mentions}
    assigned, shapes = extracted_assignment(articles)
    stands_for = {key: next((g for g in gold_shape if g[0] == key[0] and gold_shape[g] == shape), None)
                  for key, shape in shapes.items()}
    said = _same_deal_pairs(assigned)
    right = sum(1 for a, b in map(sorted, said)
                if stands_for[a] and stands_for[b] and events[stands_for[a]] == events[stands_for[b]])
    gold = _same_deal_pairs(events)
    linked = {frozenset((stands_for[a], stands_for[b])) for a, b in map(sorted, said) if stands_for[a] and stands_for[b]}
    return _score(said, right, gold, len(gold & linked))


def main() -> None:
    articles = gold_articles(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD)
    for name, result in (("gold mentions", score_gold_mentions(articles)), ("extracted", score_extracted(articles))):
        print(f"{name:<14} precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
              f"({result['right']} right of {result['pairs said']} pairs said, {result['gold pairs']} gold pairs)")


if __name__ == "__main__":
    main()
