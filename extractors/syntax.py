"""The tagger, lemmatizer and dependency parser of the pretrained model, run on chosen sentences.

The extraction pipeline leaves these components out: most text never needs a parse. The deals
component asks for one only on sentences that can state a deal, and gets each back as a Doc of
its own, token for token the same as the sentence (so offsets map by adding the sentence start).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

SYNTAX = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


@cache
def syntax_nlp(model: str, vocab: Vocab) -> Language:
    """The model's syntax components alone, sharing the extraction pipeline's vocab."""
    nlp = spacy.load(model, vocab=vocab, exclude=["ner", "senter"])
    nlp.select_pipes(enable=SYNTAX)
    return nlp


def parse(nlp: Language, sentences: Iterable[Span], batch_size: int = 256) -> list[Doc]:
    """Each sentence as a parsed Doc of the same tokens."""
    copies = [Doc(nlp.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s])
              for s in sentences]
    return list(nlp.pipe(copies, batch_size=batch_size))
