"""Reading figures written in words, digits or both: `1,000,000`, `one million`, `$1.5bn`.

Pure functions over token texts, so the spaCy components and the tests share one parser.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extractors.lexicon import lexicon

# thousands as `1,000,000`, Indian `12,34,567`, `1 000 000` (spaces, after `digit_groups` merged
# them), decimals as `1.5` or `.75`; a number stays English unless its shape says otherwise
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
_SPACE = "[ \u00a0\u202f'’]"  # spaces, and the Swiss apostrophe of `1'049,95`
_SPACED = re.compile(rf"^\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:[.,]\d{{1,2}})?$")
# European: `1.144.000` (dots between several groups), `45,00`, `9.990,00` (a comma before one or
# two last digits; `1,000` keeps its English reading), `1.899,-` (a whole amount)
_EUROPEAN = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$|^\d{1,3}(?:\.\d{3})*,(?:\d{1,2}|-)$|^\d+,(?:\d{1,2}|-)$")
# newswire fractions after a whole number: `37-1/2`, `12-5/8`
_FRACTION = re.compile(r"^([1-9]\d?)/(2|4|8|16|32|64)$")
# one-letter scales count only when glued to the digits: "1.5m", "$2B", not "2 m"
_GLUED_ONLY = {"m", "b", "k", "t"}


@dataclass(frozen=True)
class Figure:
    """A figure as stated: a single `value`, or a `low`..`high` range or order of magnitude."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    shape: str = "exact"  # exact | range | magnitude


def digit_value(text: str) -> float | None:
    """`1,000` → 1000.0, `1.5` → 1.5, `12,34,567`, `10 000`, `1.144.000`, `45,00` → 45.0;
    anything else → None."""
    if _GROUPED.match(text):
        return float(text.replace(",", ""))
    if _SPACED.match(text):
        return float(re.sub(_SPACE, "", text).replace(",", "."))
    if _EUROPEAN.match(text):
        return float(text.replace(".", "").replace(",-", "").replace(",", "."))
    return None


def fraction_value(text: str) -> float | None:
    """`1/2` → 0.5, `5/8` → 0.625: the fractions newswire writes after a whole number."""
    m = _FRACTION.match(text)
    return int(m[1]) / int(m[2]) if m and int(m[1]) < int(m[2]) else None


def word_value(text: str) -> float | None:
    """`sixteen` → 16, `ninety` → 90."""
    return lexicon()["number_words"].get(text.lower())


def scale_value(text: str, glued: bool = True) -> float | None:
    """`billion`, `bn`, `B` → 1e9, `dozen` → 12; a one-letter scale only when glued to its number."""
    low = text.lower()
    if low in _GLUED_ONLY and not glued:
        return None
    return lexicon()["scales"].get(low)


def plural_magnitude(text: str) -> float | None:
    """`tens` → 10, `billions` → 1e9: the k of an order of magnitude 10^k."""
    return lexicon()["plural_magnitudes"].get(text.lower())


def multi_magnitude(text: str) -> float | None:
    """`multibillion` → 1e9, `multimillion` → 1e6."""
    low = text.lower()
    rest = low[5:].lstrip("-") if low.startswith("multi") else ""
    return lexicon()["scales"][rest] if rest in lexicon()["scales_word_only"] else None


def number(tokens: list[str], glued: list[bool]) -> float | None:
    """Value of `1.5 million`, `twenty five`, `a dozen`, `half a billion`, `15 mln`."""
    total, current, seen, scaled = 0.0, 0.0, False, False
    for i, (tok, glue) in enumerate(zip(tokens, glued)):
        low = tok.lower()
        if low in {"a", "an"} and i + 1 < len(tokens):
            current, seen = (current or 1.0), True
            continue
        if low == "half" and i + 1 < len(tokens):
            current, seen = 0.5, True
            continue
        if (v := digit_value(tok)) is not None or (v := word_value(tok)) is not None:
            current += v
            seen = True
            continue
        if low == "-" and i + 1 < len(tokens) and (fraction_value(tokens[i + 1]) is not None
                                                    or scale_value(tokens[i + 1]) is not None):
            continue  # "37-1/2", "$7-billion"
        if seen and (v := fraction_value(tok)) is not None:
            current += v
            continue
        if (s := scale_value(tok, glue)) is not None and seen:
            if s >= 1000 and scaled and not current:
                total *= s  # "lakh crore", "thousand million": one scale of the other
            elif s >= 1000:
                total += (current or 1.0) * s
                current = 0.0
            else:
                current = (current or 1.0) * s
            scaled = True
            continue
        scaled = False
        return None
    return (total + current) if seen else None


def magnitude(tokens: list[str]) -> Figure | None:
    """`tens of billions` → 1e10..1e11, `billions` → 1e9..1e10, `multibillion` → 1e9..1e10,
    `several hundred thousand`, `a few hundred thousand` → 1e5..1e6."""
    words = [t.lower() for t in tokens if t not in {"-", "of"}]
    if len(words) == 1 and (m := multi_magnitude(words[0]) or plural_magnitude(words[0])):
        return Figure(low=m, high=m * 10, shape="magnitude")
    if words[:1] == ["multi"] and len(words) == 2 and (m := scale_value(words[1])):
        return Figure(low=m, high=m * 10, shape="magnitude")
    if words[:2] == ["a", "few"]:
        words = words[1:]
    if words[0] in lexicon()["vague_counts"] and len(words) > 1:  # "several hundred thousand"
        scales = [scale_value(w) for w in words[1:]]
        if scales and None not in scales:
            low = float(math.prod(scales))
            return Figure(low=low, high=low * 10, shape="magnitude")
    if len(words) == 2 and (a := plural_magnitude(words[0])) and (b := plural_magnitude(words[1])):
        low = a * b
        return Figure(low=low, high=low * 10, shape="magnitude")
    return None
