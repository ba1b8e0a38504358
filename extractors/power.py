"""The `power` component: electric power capacity — `1.2 gigawatts`, `835MW`, `a 6-gigawatt deal`.

Values in watts. Energy (`MWh`, `terawatt-hours`) and compute (`exaflops`) are not power.
`a gigawatt` and `the first gigawatt` count as one; `multi-gigawatt` as the magnitude 1e9..1e10,
`hundreds of megawatts` as 1e8..1e9. `between 300 MW and 450 MW` is one range; in `100 MW now and
another 40 later` the unit is written once for both figures.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.facts import add_fact, bare, figure, next_word, prev_word, same_sentence, scaled
from extractors.lexicon import lexicon
from extractors.numbers import Figure
from extractors.quantities import SPANS_KEY

_JOINERS = frozenset(lexicon()["range_joiners"])
_CONTINUERS = frozenset(lexicon()["continuation_cues"])  # "another 40", "a further 200"
_ONE = frozenset(lexicon()["one_of_a_unit"])  # "a gigawatt", "the first gigawatt"


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


def _range_to(doc: Doc, q: Span, end: int, starts: dict[int, Span]) -> tuple[Span, tuple[int, float]] | None:
    """`between 300 MW and 450 MW`, `300MW-450MW`: the far end of a range whose unit is written on
    both ends, as (figure, unit). `from 300 MW to 480 MW` is a change: two figures."""
    joiner = next_word(doc, end)
    far = starts.get(joiner.i + 1) if joiner is not None and joiner.text in _JOINERS else None
    if far is None or (unit := unit_after(doc, far.end)) is None or figure(far).value is None:
        return None
    if joiner.is_alpha:  # "and", "to"
        opener = prev_word(doc, q.start)
        if opener is None or opener.lower_ != "between":
            return None  # "300 MW and 450 MW", "from 300 MW to 480 MW" are two figures
    return far, unit


def _unit_stated_once(doc: Doc, q: Span, last: tuple[Span, float] | None) -> float | None:
    """`100 MW now and another 40 later`: a figure after `another` takes the unit of the power
    figure before it in the sentence."""
    prev = prev_word(doc, q.start)
    if last is None or prev is None or prev.lower_ not in _CONTINUERS or figure(q).value is None \
            or not bare(doc, q.end):
        return None
    fact, scale = last
    return scale if same_sentence(fact[-1], q[0]) else None


@Language.component("power")
def power(doc: Doc) -> Doc:
    """Turns figures followed by a power unit into power facts."""
    quantities = sorted(doc.spans[SPANS_KEY], key=lambda q: q.start)
    starts = {q.start: q for q in quantities}
    last = None  # the last power fact and its unit
    for q in quantities:
        fig = figure(q)
        if (unit := unit_after(doc, q.end, vague=fig.shape == "magnitude")) is not None:
            end, scale = unit
            if fig.value is not None and (far := _range_to(doc, q, end, starts)) is not None:
                (high, (end, far_scale)) = far
                fig = Figure(low=fig.value * scale, high=figure(high).value * far_scale, shape="range")
                if fig.low < fig.high and (fact := add_fact(doc, q.start, end, "power", fig)) is not None:
                    last = fact, far_scale
                continue
            if (fact := add_fact(doc, q.start, end, "power", scaled(fig, scale))) is not None:
                last = fact, scale
        elif (scale := _unit_stated_once(doc, q, last)) is not None:
            add_fact(doc, q.start, q.end, "power", scaled(fig, scale))
    units = [doc.vocab.strings.add(u) for u in lexicon()["power_units"]]
    lowers = doc.to_array([LOWER]) if len(doc) else np.zeros(0, dtype=np.uint64)
    for i in np.flatnonzero(np.isin(lowers, units)).tolist():  # unit words only, found in C
        tok = doc[i]
        if (scale := watts(tok)) is None or unit_after(doc, tok.i) is None:
            continue
        prev = prev_word(doc, tok.i)
        if prev is not None and prev.lower_ in _ONE:  # "a gigawatt", "the first gigawatt"
            add_fact(doc, prev.i, tok.i + 1, "power", Figure(value=scale))
        elif prev is not None and prev.text == "-" and (multi := prev_word(doc, prev.i)) is not None \
                and multi.lower_ == "multi":
            add_fact(doc, multi.i, tok.i + 1, "power", Figure(low=scale, high=scale * 10, shape="magnitude"))
    return doc
