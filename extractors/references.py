"""`The company`, `the startup`, `it`: which company a reference means, for facts and deals alike.

Newswire names a company once and then refers back to it. A pronoun means the company named
last before it in its own sentence (`Mitsui said it agreed …`, `agreed with Marden to buy its
unit`); else, and for a description (`the start-up`), the first company of the last sentence
before it that named one (usually that sentence's subject) and that its own sentence does not
name (`Amazon, which has invested in the start-up`), unless its own sentence named a company
only for its officer (`Tesla CEO Elon Musk said the automaker …`).
"""
from __future__ import annotations

from bisect import bisect_left
from functools import cache

from spacy.tokens import Doc, Span

from extractors.lexicon import lexicon

_PRONOUNS = frozenset({"it", "its"})
_TITLES = frozenset(lexicon()["job_titles"])
_FUNCTION_WORDS = frozenset(lexicon()["title_case_small_words"]) - {"and"}
_CALENDAR = frozenset(lexicon()["calendar_words"])


@cache
def _nouns() -> frozenset[str]:
    return frozenset(lexicon()["anaphors"]) | frozenset(lexicon()["company_descriptors"])


_NOUNS_NAMED = _nouns() - _PRONOUNS  # what a description may end in


class Mentions:
    """A doc's company mentions in text order, looked up by position in logarithmic time (a
    long text names thousands of companies)."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def index(self, token: int) -> int:
        """How many mentions start before token index `token`."""
        return bisect_left(self.starts, token)

    def within(self, span: Span) -> list[Span]:
        return self.spans[self.index(span.start):self.index(span.end)]


def reference_at(doc: Doc, i: int) -> Span | None:
    """The reference starting at token i (`it`, `its`, `the company`, `the chipmaker`), or None."""
    tok = doc[i]
    if tok.lower_ in _PRONOUNS:
        return doc[i:i + 1]
    if tok.lower_ in {"the", "this"}:
        # "the company", and with what describes it: "the industrial conglomerate", "the
        # e-commerce and cloud giant", "the Seattle-based company"
        j = i + 1
        while j < min(i + 7, len(doc) - 1) and doc[j].lower_ not in _NOUNS_NAMED and _describes(doc, j):
            j += 1
        if j < len(doc) and doc[j].lower_ in (_nouns() if j == i + 1 else _NOUNS_NAMED) and not _names_next(doc, j + 1):
            return doc[i:j + 1]
    return None


def _names_next(doc: Doc, k: int) -> bool:
    """`the infrastructure group Nebius`: a description followed by a name is that name's, no
    reference."""
    return k < len(doc) and doc[k].is_alpha and (doc[k].is_title or doc[k].is_upper) and \
        doc[k].lower_ not in _CALENDAR


def _describes(doc: Doc, j: int) -> bool:
    """Whether token j may stand in a description between `the` and its noun: a word in lower
    case, a hyphen, `and`, or a name joined to the next word by a hyphen (`Seattle-based`)."""
    tok = doc[j]
    if tok.lower_ in _FUNCTION_WORDS or tok.lower_ in _PRONOUNS:
        return False
    return tok.is_lower and tok.is_alpha or tok.text == "-" or (
        tok.is_alpha and j + 1 < len(doc) and doc[j + 1].text == "-" and not tok.whitespace_)


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


def _titles_officer(mention: Span) -> bool:
    """`Tesla CEO`, `Tesla's chief executive`: the mention names an officer's company."""
    doc, i = mention.doc, mention.end
    if i < len(doc) and doc[i].text in {"'s", "’s"}:
        i += 1
    return i < len(doc) and doc[i].lower_ in _TITLES


def resolve(ref: Span, sent: Span, mentions: Mentions) -> str | None:
    """The canonical name of the company `ref` (in sentence `sent`) means."""
    spans, here, first = mentions.spans, mentions.index(ref.start), mentions.index(sent.start)
    if first < here and ref[0].lower_ in _PRONOUNS:
        return spans[here - 1].kb_id_
    # `Tesla CEO Elon Musk said the automaker …`: a company named only for its officer's title
    employer = next((spans[k].kb_id_ for k in range(first, here) if _titles_officer(spans[k])), None)
    if employer is not None:
        return employer
    named = {spans[k].kb_id_ for k in range(first, here)}  # a description means someone else
    last = first - 1
    while last >= 0 and spans[last].kb_id_ in named:
        last -= 1
    if last < 0:  # no one else before: the sentence's first company (`X said Y would buy a stake in the company`)
        return spans[first].kb_id_ if first < here else None
    previous = spans[last].sent
    return next(spans[k].kb_id_ for k in range(mentions.index(previous.start), last + 1)
                if spans[k].kb_id_ not in named)
