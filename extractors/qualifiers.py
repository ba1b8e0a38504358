"""The `qualifier_cues` component: `up to`, `about`, `more than`… wherever they stand.

A PhraseMatcher over the cue lists in `data/lexicon.json`; facts pick the cue that ends
right before their figure (`facts.qualifier_before`), read from the cue's last token in
constant time rather than by scanning every cue for every figure.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from extractors.lexicon import lexicon

Token.set_extension("qualifier_cue", default=None, force=True)  # on a cue's last token: (start, qualifier)


@Language.factory("qualifier_cues")
class QualifierCues:
    """Marks qualifier cue phrases in `doc.spans["qualifier_cues"]`, labelled by qualifier."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for qualifier, phrases in lexicon()["qualifiers"].items():
            self.matcher.add(qualifier, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        cues = filter_spans(self.matcher(doc, as_spans=True))
        for cue in cues:
            doc[cue.end - 1]._.qualifier_cue = (cue.start, cue.label_)
        doc.spans["qualifier_cues"] = cues
        return doc
