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
    pos = text.find("\n")
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        end = pos
        while end < len(text) and text[end].isspace():
            end += 1
        gap = text[pos:end]
        if end < len(text):
            first = doc.char_span(end, end + 1, alignment_mode="expand")[0]
            short_line = pos - line_start < HEADING_CHARS and text[end].isupper()
            if first.i > 0 and ("\n\n" in gap or gap.endswith((" ", "\t")) or short_line):
                first.is_sent_start = True
        pos = text.find("\n", end)
    return doc
