"""The `power` component: electric power capacity — `1.2 gigawatts`, `835MW`, `a 6-gigawatt deal`.

Values in watts. Energy (`MWh`, `terawatt-hours`) and compute (`exaflops`) are not power.
`a gigawatt` counts as one; `multi-gigawatt` as the magnitude 1e9..1e10, `hundreds of megawatts`
as 1e8..1e9.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from extractors.facts import add_fact, figure, next_word, prev_word, scaled
from extractors.lexicon import lexicon
from extractors.numbers import Figure
from extractors.quantities import SPANS_KEY


def watts(tok: Token | None) -> float | None:
    """Watts in one unit token: `GW` → 1e9, `megawatts` → 1e6; None for anything else."""
    if tok is None:
        return None
    units = lexicon()["power_units"]
    if len(tok.text) <= 2 or tok.text.isupper():
        return units[tok.lower_] if tok.text in lexicon()["power_unit_case_sensitive"] else None
    return units.get(tok.lower_)


def unit_after(doc: Doc, end: int, vague: bool = False) -> tuple[int, float] | None:
    """A power unit after token `end`, allowing `1.5-gigawatt` and, after a `vague` magnitude,
    `hundreds of megawatts`; not when `-hours` follows."""
    tok = next_word(doc, end)
    if tok is not None and (tok.text in {"-", "–"} or (vague and tok.lower_ == "of")):
        tok = next_word(doc, tok.i + 1)
    scale = watts(tok)
    if scale is None:
        return None
    after = next_word(doc, tok.i + 1)
    if after is not None and after.text in {"-", "–"}:
        after = next_word(doc, after.i + 1)
    if after is not None and after.lower_ in lexicon()["energy_followers"]:
        return None
    return tok.i + 1, scale


@Language.component("power")
def power(doc: Doc) -> Doc:
    """Turns figures followed by a power unit into power facts."""
    for q in doc.spans[SPANS_KEY]:
        if (unit := unit_after(doc, q.end, vague=figure(q).shape == "magnitude")) is not None:
            add_fact(doc, q.start, unit[0], "power", scaled(figure(q), unit[1]))
    units = [doc.vocab.strings.add(u) for u in lexicon()["power_units"]]
    lowers = doc.to_array([LOWER]) if len(doc) else np.zeros(0, dtype=np.uint64)
    for i in np.flatnonzero(np.isin(lowers, units)).tolist():  # unit words only, found in C
        tok = doc[i]
        if (scale := watts(tok)) is None or unit_after(doc, tok.i) is None:
            continue
        prev = prev_word(doc, tok.i)
        if prev is not None and prev.lower_ in {"a", "an"}:
            add_fact(doc, prev.i, tok.i + 1, "power", Figure(value=scale))
        elif prev is not None and prev.text == "-" and (multi := prev_word(doc, prev.i)) is not None \
                and multi.lower_ == "multi":
            add_fact(doc, multi.i, tok.i + 1, "power", Figure(low=scale, high=scale * 10, shape="magnitude"))
    return doc
