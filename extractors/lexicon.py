"""Loads the word lists and gazetteers in `extractors/data/`, once per process."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def _data(name: str) -> Path:
    return DATA / name


@cache
def lexicon() -> dict[str, Any]:
    """`data/lexicon.json`: numbers, scales, currencies, units, qualifier cues."""
    return json.loads(_data("lexicon.json").read_text(encoding="utf-8"))


@cache
def jsonl(name: str) -> list[dict[str, Any]]:
    """Rows of a JSONL data file (`companies.jsonl`, `chips.jsonl`, …)."""
    lines = _data(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@cache
def words(name: str) -> frozenset[str]:
    """A plain word list, one entry a line, `#` comments allowed."""
    lines = _data(name).read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))


@cache
def currency_symbols() -> dict[str, str]:
    """Currency sign or code → ISO code: `lexicon.json`'s own list over `currency_signs.json`, the
    signs of every currency in CLDR (written by `tools/currency_signs.py`)."""
    signs = json.loads(_data("currency_signs.json").read_text(encoding="utf-8"))
    return {**signs, **lexicon()["currency_symbols"]}
