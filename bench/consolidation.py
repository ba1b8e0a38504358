"""How well article deals are consolidated into real-world deals, on a gold set whose deals carry
an `event` naming the real-world deal (tests/extraction/gold/consolidation.jsonl).

Scored on pairs of mentions: a pair is right when both report one event and both sit in one
consolidated deal. Two ways:
- `gold mentions`: the gold deals themselves are consolidated, so only consolidation is scored;
- `extracted`: the articles go through the extractor and the warehouse as in the pipeline; each
  extracted deal stands for the gold deal of its article with the same companies (named as the
  gold names them, through the article's gold aliases) and type, else for the only gold deal of
  the article with those companies, else for none (every pair it is put in is then wrong); a gold
  pair whose deals were not extracted is missed.
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
from warehouse.consolidation import Figure, Mention, Party, assign, consolidate, mentions
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


def extracted_assignment(articles: list[dict]) -> tuple[dict[Key, str], dict[Key, tuple[str, frozenset]]]:
    """Run extraction and consolidation as the pipeline does, into a warehouse in memory: each
    extracted deal's consolidated deal, and its type and companies (as consolidation saw them)."""
    con = duckdb.connect()
    migrate(con)
    items = [Article(id=a["id"], title=a.get("title"), published=a.get("published"), text=a["text"]) for a in articles]
    load_corpus(con, items)
    hashes = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
    store_batch(con, Extractor().extract_many(items), hashes, "bench")
    consolidate(con)
    assigned = {(a, i): d for a, i, d in con.execute("SELECT article_id, deal_index, deal_id FROM deal_mentions").fetchall()}
    return assigned, {m.key: (m.type, frozenset(m.roles)) for m in mentions(con)}


def _stands_for(key: Key, shape: tuple[str, frozenset], article: dict, gold: list[Mention]) -> Key | None:
    """The gold deal an extracted one stands for (see the module's docstring)."""
    named = {company_id(alias): company_id(names[0]) for names in article["companies"] for alias in names}
    kind, companies = shape[0], frozenset(named.get(c, c) for c in shape[1])
    alike = [m for m in gold if m.article_id == key[0] and frozenset(m.roles) == companies]
    typed = [m for m in alike if m.type == kind]
    return typed[0].key if typed else alike[0].key if len(alike) == 1 else None


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
    gold, events = gold_mentions(articles)
    assigned, shapes = extracted_assignment(articles)
    by_id = {a["id"]: a for a in articles}
    stands_for = {key: _stands_for(key, shape, by_id[key[0]], gold) for key, shape in shapes.items()}
    said = _same_deal_pairs(assigned)
    right = sum(1 for a, b in map(sorted, said)
                if stands_for[a] and stands_for[b] and events[stands_for[a]] == events[stands_for[b]])
    pairs = _same_deal_pairs(events)
    linked = {frozenset((stands_for[a], stands_for[b])) for a, b in map(sorted, said) if stands_for[a] and stands_for[b]}
    return _score(said, right, pairs, len(pairs & linked))


def main() -> None:
    articles = gold_articles(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD)
    for name, result in (("gold mentions", score_gold_mentions(articles)), ("extracted", score_extracted(articles))):
        print(f"{name:<14} precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
              f"({result['right']} right of {result['pairs said']} pairs said, {result['gold pairs']} gold pairs)")


if __name__ == "__main__":
    main()
