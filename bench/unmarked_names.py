"""Company recall past the gazetteer: Reuters' bracketed names with the brackets blanked.

Reuters-21578 writes unlisted companies as `<Scott's Hospitality Inc>`. With `<` and `>` read
as spaces (offsets kept), the extractor must find the name as unfamiliar news would give it.
Runs on held-out Reuters articles (`training/reuters_ner.py`'s test split, never a gold
article) and prints the share of those names found. `--ner DIR` swaps in another NER (one
that script wrote) to compare.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.companies import name_key  # noqa: E402
from extractors.extract import Extractor  # noqa: E402
from extractors.models import Article  # noqa: E402
from training.reuters_ner import _BRACKET, _TICKER, articles  # noqa: E402


def unmarked(text: str) -> tuple[str, set[str]]:
    """The text with name brackets blanked (tickers kept), and the keys of those names."""
    names = set()

    def blank(m):
        if _TICKER.fullmatch(m.group(1)):
            return m.group()
        names.add(name_key(" ".join(m.group(1).split())))
        return f" {m.group(1)} "
    return _BRACKET.sub(blank, text), names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ner", type=Path, help="an NER component directory to use instead")
    ap.add_argument("--limit", type=int, default=400, help="held-out articles with a bracketed name")
    args = ap.parse_args()
    rows = [(r, *unmarked(r["text"])) for r in articles("test")]
    rows = [row for row in rows if row[2]][:args.limit]
    extractor = Extractor()
    if args.ner:
        extractor.nlp.get_pipe("ner").from_disk(args.ner)
    found = total = 0
    results = extractor.extract_many(Article(id=r["id"], title=r["title"], text=text) for r, text, _ in rows)
    for result, (_, _, names) in zip(results, rows):
        keys = {name_key(n) for c in result.companies for n in [c.name, *c.aliases]}
        found, total = found + len(names & keys), total + len(names)
    print(f"articles {len(rows)}  bracketed names {total}  recall {found / total:.3f}")


if __name__ == "__main__":
    main()
