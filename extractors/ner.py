"""The `prose_ner` component: the pretrained NER, run only where it can find names.

The NER is most of dealfacts' running time, so it sees a copy of each doc cut down to what
can hold a company name, and its entities are mapped back:
- no whitespace tokens (newswire wraps every line and indents paragraphs: a tenth of all
  tokens), so names wrapped over a line break come out whole;
- no figure tables (`Shr 1.20 dlrs vs 1.10 dlrs`);
- only islands of `BEFORE` tokens before and `AFTER` after capitalised words: a name is
  capitalised, the NER's features reach four tokens either side, and it ends a name on the
  token after it (a third of newswire text is farther away); a stop word that opens its
  sentence ("The", "It"), a month or weekday, a one-word news outlet ("Reuter" signs every
  wire) and a one-word place seed no island (the NER then sees 46% of newswire tokens, not 65%).
Islands and paragraphs are kept apart by a blank line, so no name runs across them; a copy
longer than `PIECE_TOKENS` is cut at such a line into pieces, so that a megabyte costs ten
times what a hundred kilobytes cost (the model's arrays outgrow the caches on one huge doc).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import (
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LENGTH,
    LIKE_NUM,
    LOWER,
    SENT_START,
)
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from extractors.lexicon import lexicon
from extractors.lexicon import words as word_list

TABLE_NUMBER_SHARE = 0.3  # a sentence with more figures than this and hardly any words is a table
BEFORE, AFTER = 4, 5  # tokens kept before and after a capitalised word
SEPARATOR = "\n\n"
PIECE_TOKENS = 5000  # longest doc the NER sees at once: its cost per token grows on longer ones
# lower-case words that never seed an island: months, weekdays, one-word outlets (`Reuter`) and
# places (`Brazil`: a company named so is listed or carries a suffix, which seeds its own island)
NEVER_NAMES = frozenset(get_string_id(w) for w in {*lexicon()["calendar_words"],
                        *(w.lower() for w in word_list("outlets.txt") if " " not in w),
                        *(w.lower() for w in word_list("places.txt") if " " not in w)})
BATCH_TOKENS = 20_000  # tokens per NER batch once docs are cut: the model's arrays grow with it


def _prose_tokens(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the tokens the NER needs, and of those that separate what it sees (a left-out
    word or a paragraph break), computed per sentence and per window with numpy."""
    attrs = doc.to_array([IS_SPACE, IS_PUNCT, LIKE_NUM, IS_ALPHA, IS_LOWER, IS_TITLE, IS_UPPER, LENGTH, SENT_START,
                          IS_STOP, LOWER])
    space, punct, num, alpha, lower, title, upper, length, sent_start, stop = attrs[:, :-1].T.astype(np.int64)
    sent = np.cumsum(sent_start == 1)
    word = (space == 0) & (punct == 0)
    words = np.bincount(sent, weights=word)
    figures = np.bincount(sent, weights=word & (num == 1))
    prose = np.bincount(sent, weights=(alpha == 1) & (lower == 1) & (length > 3))
    table = (figures > TABLE_NUMBER_SHARE * words) & (prose < 3)
    capital = ((title == 1) | (upper == 1)) & (alpha == 1) & ~((sent_start == 1) & (stop == 1))
    for i in np.flatnonzero(capital).tolist():
        capital[i] = int(attrs[i, -1]) not in NEVER_NAMES
    near = np.convolve(capital, np.ones(BEFORE + AFTER + 1, dtype=np.int64))[BEFORE:BEFORE + len(doc)] > 0
    keep = (space == 0) & ~table[sent] & near
    barrier = (space == 0) & ~keep
    for i in np.flatnonzero(space).tolist():
        barrier[i] = doc[i].text.count("\n") > 1
    return keep, barrier


def _copy(doc: Doc) -> tuple[Doc, list[int]]:
    """The kept tokens as a doc of their own, a blank line wherever words or a paragraph break
    were left out; and for each of its tokens the index in `doc` (-1 for a blank line)."""
    keep, barrier = _prose_tokens(doc)
    barriers = np.cumsum(barrier)
    words, spaces, origin = [], [], []
    last = None
    for i in np.flatnonzero(keep).tolist():
        if last is not None and barriers[i] > barriers[last]:
            words.append(SEPARATOR)
            spaces.append(False)
            origin.append(-1)
        tok = doc[i]
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space))
        origin.append(i)
        last = i
    return Doc(doc.vocab, words=words, spaces=spaces), origin


@Language.factory("prose_ner", default_config={"ner": "ner"})
class ProseNER:
    """Runs the (disabled) pipeline component named `ner` on the prose of each doc."""

    def __init__(self, nlp: Language, name: str, ner: str) -> None:
        self.ner = nlp.get_pipe(ner)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):  # stream: never the whole corpus at once
            copies = [_copy(d) if len(d) else (d, []) for d in batch]
            pieces = [(n, start, copy if end - start == len(copy) else copy[start:end].as_doc())
                      for n, (copy, origin) in enumerate(copies) for start, end in _pieces(origin)]
            split = len(pieces) > len(batch)  # a megabyte in 64 pieces at once would take gigabytes
            annotated = self.ner.pipe([piece for _, _, piece in pieces],
                                      batch_size=BATCH_TOKENS // PIECE_TOKENS if split else batch_size)
            ents: list[list[Span]] = [[] for _ in batch]
            for (n, start, _), piece in zip(pieces, annotated):
                doc, origin = batch[n], copies[n][1]
                ents[n] += [Span(doc, origin[start + e.start], origin[start + e.end - 1] + 1, label=e.label_)
                            for e in piece.ents if -1 not in origin[start + e.start:start + e.end]]
            for doc, found in zip(batch, ents):
                doc.ents = found
                yield doc


def _pieces(origin: list[int]) -> list[tuple[int, int]]:
    """Bounds of pieces of at most `PIECE_TOKENS` tokens, each cut at the last blank line
    (origin -1) before the limit, or at the limit where an island is longer."""
    bounds, start = [], 0
    while len(origin) - start > PIECE_TOKENS:
        limit = start + PIECE_TOKENS
        cut = next((i for i in range(limit, start, -1) if origin[i] == -1), limit)
        bounds.append((start, cut))
        start = cut
    return [*bounds, (start, len(origin))]
