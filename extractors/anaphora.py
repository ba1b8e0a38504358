"""`The company`, `it`: which company a sentence means when it names none.

Newswire names a company once and then says `the company` or `it`. The company meant is taken
to be the first one named in the last sentence that named any (usually its subject).
"""
from __future__ import annotations

from spacy.tokens import Span

from extractors.lexicon import lexicon


def previous_subject(sent: Span, mentions: list[Span]) -> str | None:
    """The first company of the last sentence before `sent` that named one."""
    before = [m for m in mentions if m.start < sent.start]
    if not before:
        return None
    previous = before[-1].sent
    return next(m.kb_id_ for m in before if m.start >= previous.start)


def opening_anaphor(sent: Span) -> Span | None:
    """`The company` / `It` / `The firm` opening a sentence, as a span, else None."""
    first = next((t for t in sent if not t.is_space), None)
    if first is None:
        return None
    if first.lower_ == "it":
        return sent.doc[first.i:first.i + 1]
    nxt = sent.doc[first.i + 1] if first.i + 1 < sent.end else None
    if first.lower_ == "the" and nxt is not None and nxt.lower_ in lexicon()["anaphors"]:
        return sent.doc[first.i:nxt.i + 1]
    return None
