"""The `prose_ner` component: the pretrained NER, run only where it can find names.

The NER is most of dealfacts' running time. Whitespace tokens (newswire wraps every line
and indents paragraphs: a tenth of all tokens) and figure tables (`Shr 1.20 dlrs vs 1.10
dlrs`) carry no company names, so the NER sees a copy of the doc without them and its
entities are mapped back. Names wrapped over a line break come out whole.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

TABLE_NUMBER_SHARE = 0.3  # a sentence with more figures than this and hardly any words is a table


def _prose_tokens(doc: Doc) -> list[int]:
    """Indexes of the non-space tokens outside figure tables, counted per sentence with numpy."""
    if not len(doc):
        return []
    space, punct, num, alpha, lower, length, sent_start = doc.to_array(
        [IS_SPACE, IS_PUNCT, LIKE_NUM, IS_ALPHA, IS_LOWER, LENGTH, SENT_START]).T.astype(np.int64)
    sent = np.cumsum(sent_start == 1)
    word = (space == 0) & (punct == 0)
    words = np.bincount(sent, weights=word)
    figures = np.bincount(sent, weights=word & (num == 1))
    prose = np.bincount(sent, weights=(alpha == 1) & (lower == 1) & (length > 3))
    table = (figures > TABLE_NUMBER_SHARE * words) & (prose < 3)
    # a paragraph break stays, so that no name runs from one paragraph into the next
    paragraph = np.zeros(len(doc), dtype=bool)
    for i in np.flatnonzero(space):
        paragraph[i] = doc[int(i)].text.count("\n") > 1
    return np.flatnonzero(((space == 0) | paragraph) & ~table[sent]).tolist()


def _copy(doc: Doc, keep: list[int]) -> Doc:
    """The kept tokens as a doc of their own; a dropped space token becomes a plain space."""
    tokens, kept = [doc[i] for i in keep], set(keep)
    spaces = [bool(t.whitespace_) or (t.i + 1 < len(doc) and doc[t.i + 1].is_space and t.i + 1 not in kept)
              for t in tokens]
    return Doc(doc.vocab, words=[t.text for t in tokens], spaces=spaces)


@Language.factory("prose_ner", default_config={"ner": "ner"})
class ProseNER:
    """Runs the (disabled) pipeline component named `ner` on the prose of each doc."""

    def __init__(self, nlp: Language, name: str, ner: str) -> None:
        self.ner = nlp.get_pipe(ner)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):  # stream: never the whole corpus at once
            kept = [_prose_tokens(d) for d in batch]
            copies = self.ner.pipe([_copy(d, k) for d, k in zip(batch, kept)], batch_size=batch_size)
            for doc, keep, copy in zip(batch, kept, copies):
                doc.ents = [Span(doc, keep[e.start], keep[e.end - 1] + 1, label=e.label_) for e in copy.ents]
                yield doc
