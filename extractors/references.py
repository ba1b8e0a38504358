"""`The company`, `the startup`, `it`: which company a reference means, for facts and deals alike.

Newswire names a company once and then refers back to it. A pronoun means the company named
last before it in its own sentence (`Mitsui said it agreed …`, `agreed with Marden to buy its
unit`); else, and for a description (`the start-up`), the first company of the last sentence
before it that named one (usually that sentence's subject) and that its own sentence does not
name (`Amazon, which has invested in the start-up`).
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from extractors.lexicon import lexicon


@cache
def _nouns() -> frozenset[str]:
    return frozenset(lexicon()["anaphors"]) | frozenset(lexicon()["company_descriptors"])


_PRONOUNS = frozenset({"it", "its"})


def reference_at(doc: Doc, i: int) -> Span | None:
    """The reference starting at token i (`it`, `its`, `the company`, `the chipmaker`), or None."""
    tok = doc[i]
    if tok.lower_ in _PRONOUNS:
        return doc[i:i + 1]
    if tok.lower_ in {"the", "this"} and i + 1 < len(doc) and doc[i + 1].lower_ in _nouns():
        return doc[i:i + 2]
    return None


def references(sent: Span) -> list[Span]:
    """Every reference in a sentence, in text order."""
    found, i = [], sent.start
    while i < sent.end:
        ref = reference_at(sent.doc, i)
        if ref is not None:
            found.append(ref)
            i = ref.end
        else:
            i += 1
    return found


def resolve(ref: Span, mentions: list[Span]) -> str | None:
    """The canonical name of the company `ref` means; `mentions` are the doc's company spans in
    text order."""
    sent = ref.sent
    before = [m for m in mentions if m.start < ref.start]
    same = [m for m in before if m.start >= sent.start]
    if same and ref[0].lower_ in _PRONOUNS:
        return same[-1].kb_id_
    if same:  # "Amazon, which has invested in the start-up": a description means someone else
        before = [m for m in before if m.start < sent.start and m.kb_id_ not in {x.kb_id_ for x in same}]
    if not before:
        return None
    previous = before[-1].sent
    return next(m.kb_id_ for m in before if m.start >= previous.start)
