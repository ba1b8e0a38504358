"""Lists of names: in `backers DST Global, Andreessen Horowitz, Bpifrance and Nvidia`, the names
the other rules missed stand beside names they found, and are companies too."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from extractors.company_roles import modifier_end
from extractors.lexicon import lexicon

_REPORTING = frozenset(lexicon()["reporting_verbs"])
_INITIAL = re.compile(r"^[A-Z]\.$")  # `Edward J. Marlow` is one name (a person's)
_NOT_NAMES = {"DATE", "TIME", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "LANGUAGE"}


def list_mates(doc: Doc, mentions: list[Span]) -> list[Span]:
    """The other names in a list of companies: in `backers DST Global, Andreessen Horowitz,
    Bpifrance, General Catalyst and Nvidia`, a list of three or more capitalised names of which
    two are companies already, the rest are companies too."""
    by_start = {m.start: m for m in mentions}
    starts = sorted(by_start)
    others = {t.i for e in doc.ents if e.label_ in _NOT_NAMES for t in e}  # "In July", "London"
    found = []
    for sent in doc.sents:
        if bisect.bisect_left(starts, sent.end) - bisect.bisect_left(starts, sent.start) < 2:
            continue  # no list of companies here
        items, i, last = [], sent.start, False
        while i < sent.end:
            end = _name_end(doc, i, sent, by_start)
            if end == i:  # not a name: a list ends here
                found, items, i, last = found + _mates_of(items, by_start), [], i + 1, False
                continue
            if not others.intersection(range(i, end)) and not _speaks_or_described(doc, end, sent.end):
                items.append(Span(doc, i, end, label="cue"))
            i = _separator_end(doc, end, sent.end)
            if i == end or last:  # no `,` or `and` after the name, or it came after `and`: the end
                found, items = found + _mates_of(items, by_start), []
            last = doc[i - 1].lower_ == "and"
        found += _mates_of(items, by_start)
    return found


def _speaks_or_described(doc: Doc, end: int, limit: int) -> bool:
    """`…, Dan Ives, an analyst at Wedbush, said`: a name that speaks or is described next is
    likelier a person's."""
    nxt = doc[end] if end < limit else None
    if nxt is not None and nxt.lower_ in _REPORTING:
        return True
    return nxt is not None and nxt.text == "," and end + 1 < limit and doc[end + 1].lower_ in {"a", "an", "the"}


def _name_end(doc: Doc, i: int, sent: Span, by_start: dict[int, Span]) -> int:
    """The end of the known mention or the run of up to four capitalised words at `i`; `i`
    where there is no name."""
    if i in by_start:
        return by_start[i].end
    j, limit = i, sent.end
    while j < limit and j - i < 4 and (doc[j].is_alpha and (doc[j].is_title or doc[j].is_upper)
                                       or j > i and _INITIAL.match(doc[j].text)):
        j += 1
    if j < limit and (doc[j].text in {"-", "–"} or modifier_end(doc, j)):
        return i  # "London-based", "Donald Trump Jr.-backed": a modifier
    if j < limit and doc[j].text == "," and all(t.is_space for t in doc[sent.start:i]):
        return i  # "Separately, …", "In July, …": the sentence's opening
    return j


def _separator_end(doc: Doc, i: int, limit: int) -> int:
    """Past the `,`, `and` or `, and` at `i` (`i` itself when there is none)."""
    if i < limit and doc[i].text == ",":
        i += 1
    if i < limit and doc[i].lower_ == "and":
        i += 1
    return i


def _mates_of(items: list[Span], by_start: dict[int, Span]) -> list[Span]:
    if len(items) < 3 or sum(s.start in by_start for s in items) < 2:
        return []
    return [s for s in items if s.start not in by_start]
