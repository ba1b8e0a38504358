"""The `line_breaks` component: headings and paragraphs end sentences even without a full stop.

The rule-based sentencizer splits at `.`, `!`, `?`; web articles also break at headings
("Chip partnerships with Amazon and Google" on a line of its own). Newswire wraps lines at
about 65 characters mid-sentence, so a single newline ends a sentence only after a short line
or before an indented paragraph.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

HEADING_CHARS = 50  # a line shorter than this, followed by a capital, is a heading


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    text = doc.text
    for tok in doc[:-1]:
        if "\n" not in tok.text and "\n" not in tok.whitespace_:
            continue
        nxt = doc[tok.i + 1]
        gap = tok.text if tok.is_space else tok.whitespace_
        line_start = text.rfind("\n", 0, tok.idx) + 1
        short_line = tok.idx - line_start < HEADING_CHARS and nxt.text[:1].isupper()
        if "\n\n" in gap or gap.endswith((" ", "\t")) or short_line:
            nxt.is_sent_start = True
    return doc
