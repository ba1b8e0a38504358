"""The `line_breaks` component: headings and paragraphs end sentences even without a full stop;
and `suffix_stops`: the full stop of a legal suffix ends a sentence when the next one begins.

The rule-based sentencizer splits at `.`, `!`, `?`; web articles also break at headings
("Chip partnerships with Amazon and Google" on a line of its own). Newswire wraps lines at
about 65 characters mid-sentence, so a single newline ends a sentence only after a short line
or before an indented paragraph.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

HEADING_CHARS = 50  # a line shorter than this, followed by a capital, is a heading
WRAP_CHARS = 80  # text whose lines are nearly all this short is wrapped at a fixed width

# a newline inside a sentence: not after its end, not before a list item
_WRAP = re.compile(r"(?<=[^\s.!?:;\"\u201d])\n(?=[^\s\-\u2022*])")


# no-break, narrow no-break, thin and other fixed-width spaces: `$3\u00a0billion`, `€\u202f2 bn`
_UNICODE_SPACE = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
_FIGURE_SPACE = re.compile(rf"(?<=\d)[{_UNICODE_SPACE}](?=[^\W\d_]|[$€£¥])|(?<=[$€£¥])[{_UNICODE_SPACE}](?=\d)")


def normalise(text: str) -> str:
    """What the pipeline reads: `unwrap`ped, and a Unicode space between a number and its scale,
    unit or currency (`$3\u00a0billion`) read as a plain one. Same length as `text`."""
    return unwrap(_FIGURE_SPACE.sub(" ", text))


def unwrap(text: str) -> str:
    """`text` with the newlines that wrap a sentence (not a heading's, not a list's) as spaces.

    Newswire breaks "for 12.5\nmln dlrs" and "<Cronus\nIndustries Inc>" across lines; read as
    spaces, the figure and the name are one phrase again. In such hard-wrapped text a short
    line is not a heading ("An investor group led by Coniston\nPartners said"). The text keeps
    its length, so every offset still points into the original.
    """
    def space_unless_heading(match: re.Match) -> str:
        return "\n" if _heading_ends(text, match.start(), match.start() + 1) else " "

    if hard_wrapped(text):  # a short line is the first of a paragraph, not a heading
        return _WRAP.sub(" ", text)
    return _WRAP.sub(space_unless_heading, text)


def _heading_ends(text: str, pos: int, nxt: int) -> bool:
    """The line ending at the newline `pos` is a heading: short, and the text goes on with a
    capital at `nxt`."""
    return pos - (text.rfind("\n", 0, pos) + 1) < HEADING_CHARS and text[nxt].isupper()


def hard_wrapped(text: str) -> bool:
    """Newswire style: five or more lines, nine in ten of them at most `WRAP_CHARS` long."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 5 and sum(len(line) <= WRAP_CHARS for line in lines) >= 0.9 * len(lines)


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    text = doc.text
    pos = text.find("\n")
    while pos >= 0:
        end = pos
        while end < len(text) and text[end].isspace():
            end += 1
        gap = text[pos:end]
        if end < len(text):
            first = doc.char_span(end, end + 1, alignment_mode="expand")[0]
            if first.i > 0 and ("\n\n" in gap or gap.endswith((" ", "\t")) or _heading_ends(text, pos, end)):
                first.is_sent_start = True
        pos = text.find("\n", end)
    return doc


@Language.component("suffix_stops")
def suffix_stops(doc: Doc) -> Doc:
    """`… in Brightline Labs Inc. As part of the deal …`: the tokenizer keeps `Inc.` one token, so
    the sentencizer never ends a sentence there. A capitalised function word after it (`As`,
    `The`, `It`) starts one; a title or a name (`Inc. CEO Tim Cook`) does not."""
    for tok in doc[1:-1]:
        nxt = doc[tok.i + 1]
        if tok.text.endswith(".") and len(tok) > 2 and tok.text[0].isupper() and nxt.is_title and nxt.is_stop:
            nxt.is_sent_start = True
    return doc
