"""Writes `extractors/data/currency_signs.json`: the world's currency signs and ISO codes, from CLDR.

    .venv/bin/pip install '.[data]' && .venv/bin/python tools/currency_signs.py

The money rules know the signs of `lexicon.json` by hand; this adds every sign that CLDR (through
Babel) gives for a currency in any locale (`Kč`, `zł`, `лв.`, `₼`, `FCFA`…) and the ISO codes, so a
figure written `1 299 Kč` is money without anyone listing the koruna. Left out, as too likely to be
something else in English text: signs of one or two ASCII letters (`K`, `MT`, `kn`) or
lower-case letters only (`den`), signs shared by
several currencies, codes no longer in use, fund and metal codes (`X…`) and codes that are English
words or tickers.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from babel import Locale, localedata
from babel.core import get_global
from babel.numbers import get_territory_currencies

OUT = Path(__file__).resolve().parents[1] / "extractors" / "data" / "currency_signs.json"
NOT_CODES = {"ALL", "AMD", "BOB", "BOV", "CAT", "CHE", "CHW", "CLF", "COU", "CUP", "FUN", "MAD", "MOP", "MXV",
             "PEN", "PHP", "SOS", "TOP", "USN", "USS", "UYI", "UYW"}


def _usable(sign: str) -> bool:
    ascii_letters = sign.isascii() and sign.replace(".", "").isalpha()
    short = ascii_letters and (len(sign.replace(".", "")) <= 2 or sign.islower())  # "K", "kn", "den"
    return " " not in sign and not short and not sign.isdigit()


def signs() -> dict[str, str]:
    """Sign → ISO code, for the signs that name one currency only."""
    codes: dict[str, set[str]] = defaultdict(set)
    for name in localedata.locale_identifiers():
        for code, sign in Locale.parse(name).currency_symbols.items():
            if _usable(sign) and sign != code:
                codes[sign].add(code)
    table = {s: next(iter(c)) for s, c in codes.items() if len(c) == 1}
    for territory in get_global("territory_currencies"):  # the codes in use today
        for code in get_territory_currencies(territory):
            if not code.startswith("X") and code not in NOT_CODES:
                table[code] = code
    return dict(sorted(table.items()))


if __name__ == "__main__":
    OUT.write_text(json.dumps(signs(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(signs())} signs")
