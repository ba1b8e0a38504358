"""Fact spans: how the money, power and chips components record what they find.

Each fact is a span in `doc.spans["facts"]`, labelled with its kind, its figure and attributes
on span extensions (`span._.value`, `span._.currency`…), which hold plain values.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractors import qualifiers  # noqa: F401  (registers Token._.qualifier_cue)
from extractors.lexicon import lexicon
from extractors.numbers import Figure

FACTS_KEY = "facts"
_BARE_FOLLOWERS = frozenset(lexicon()["bare_followers"])
ATTRS = ("value", "low", "high", "qualifier", "currency", "per", "chip", "vendor")
for _name in ATTRS:
    Span.set_extension(_name, default=None, force=True)
Token.set_extension("in_fact", default=False, force=True)


def fact_spans(doc: Doc) -> list[Span]:
    """The facts of a doc in text order: deals and records index into this one list."""
    return sorted(doc.spans.get(FACTS_KEY, []), key=lambda s: s.start)


def figure(span: Span) -> Figure:
    """The figure the quantities component stored on a span."""
    value, low, high, shape = span._.figure
    return Figure(value=value, low=low, high=high, shape=shape)


def scaled(fig: Figure, factor: float) -> Figure:
    """The same figure in other units: gigawatts to watts, cents to dollars."""
    def mul(x):
        return None if x is None else x * factor
    return Figure(value=mul(fig.value), low=mul(fig.low), high=mul(fig.high), shape=fig.shape)


def next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token at or after index i."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def prev_word(doc: Doc, i: int) -> Token | None:
    """The last non-space token before index i."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 else None


def same_sentence(a: Token, b: Token) -> bool:
    """Whether two nearby tokens share a sentence (cheaper than comparing `.sent`s)."""
    doc, (i, j) = a.doc, sorted((a.i, b.i))
    return not any(doc[k].is_sent_start for k in range(i + 1, j + 1))


def bare(doc: Doc, end: int) -> bool:
    """No noun follows the figure ending before token `end` (`another 40 later`, `30,000 for one
    lab`): it counts what was named before it, not `another 40 turbines`."""
    tok = next_word(doc, end)
    return tok is None or tok.lower_ in _BARE_FOLLOWERS or tok.is_sent_start


def qualifier_before(doc: Doc, start: int) -> tuple[int, str]:
    """A qualifier cue ending right before token `start`: its first token and the qualifier."""
    prev = prev_word(doc, start)
    if prev is not None and prev._.qualifier_cue is not None:
        cue_start, qualifier = prev._.qualifier_cue
        return cue_start, qualifier
    return start, "exact"


def add_fact(doc: Doc, start: int, end: int, kind: str, fig: Figure, **attrs) -> Span | None:
    """Record tokens [start, end) as a fact of `kind`, with its qualifier cue in front.

    Its tokens are marked (`Token._.in_fact`), so the overlap test and the append cost the
    fact's length, not the number of facts so far."""
    if any(doc[i]._.in_fact for i in range(start, end)):
        return None
    if fig.shape == "exact":
        start, qualifier = qualifier_before(doc, start)
    else:
        qualifier = fig.shape
        opener = prev_word(doc, start)
        if fig.shape == "range" and opener is not None and opener.lower_ in lexicon()["range_openers"]:
            start = opener.i  # "between 1 and 2 GW"
    span = Span(doc, start, end, label=kind)
    span._.value, span._.low, span._.high = fig.value, fig.low, fig.high
    span._.qualifier = qualifier
    for name, val in attrs.items():
        setattr(span._, name, val)
    for token in span:
        token._.in_fact = True
    if FACTS_KEY in doc.spans:
        doc.spans[FACTS_KEY].append(span)
    else:
        doc.spans[FACTS_KEY] = [span]
    return span
