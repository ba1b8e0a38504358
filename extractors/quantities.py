"""The `quantities` component: every figure in the text, before anyone asks what it counts.

Finds `1.5 million`, `$10-20 billion`'s `10-20 billion`, `between 1 and 2`, `tens of billions`,
`multibillion` with a Matcher, run only around tokens that can be part of a figure, and stores
each as a span in `doc.spans["quantities"]` with `span._.figure = (value, low, high, shape)`.
The money, power and chips components then look at what stands around each figure.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from spacy.attrs import IDX, LIKE_NUM, LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractors import numbers
from extractors.lexicon import lexicon
from extractors.tokenizer import is_attached

SPANS_KEY = "quantities"


def _role(token: Token) -> str:
    """What a token can be inside a figure: digit, word, scale, mag (plural magnitude), multi or ""."""
    return _text_role(token.text, is_attached(token))


@lru_cache(maxsize=65536)
def _text_role(text: str, glued: bool) -> str:
    if numbers.digit_value(text) is not None:
        return "digit"
    if numbers.word_value(text) is not None:
        return "word"
    if numbers.scale_value(text, glued=glued) is not None:
        return "scale"
    if numbers.plural_magnitude(text) is not None:
        return "mag"
    if numbers.multi_magnitude(text) is not None or text.lower() == "multi":
        return "multi"
    return ""


Token.set_extension("num_role", getter=_role, force=True)
Span.set_extension("figure", default=None, force=True)

# One digit token, or a run of number words ("twenty five"), then scales: "2024 100 GPUs" is not
# one figure. A run of words is matched from its first word only: `+` would start a Matcher state
# at every word of a run, n^2 matches for n words (the longest, which filter_spans keeps, starts
# at the first).
Token.set_extension("opens_word_run", force=True, getter=lambda t: t._.num_role == "word" and (
    t.i == 0 or t.doc[t.i - 1]._.num_role != "word"))
_NUMS = [[{"_": {"num_role": "digit"}}, {"_": {"num_role": "scale"}, "OP": "*"}],
         [{"_": {"opens_word_run": True}}, {"_": {"num_role": "word"}, "OP": "*"}, {"_": {"num_role": "scale"}, "OP": "*"}]]
_FRACTION = [{"_": {"num_role": "digit"}}, {"ORTH": "-", "OP": "?"}, {"TEXT": {"REGEX": r"^\d\d?/\d\d?$"}},
             {"_": {"num_role": "scale"}, "OP": "*"}]
_SCALES = {"_": {"num_role": "scale"}, "OP": "+"}
_JOIN = {"ORTH": {"IN": lexicon()["range_joiners"]}}
_SYMBOL = {"ORTH": {"IN": list(lexicon()["currency_symbols"])}, "OP": "?"}
PATTERNS = {
    "number": [*_NUMS, _FRACTION,
               # "$7-billion deal", "a 10-million loan": the scale hyphenated to the digits
               [{"_": {"num_role": "digit"}}, {"ORTH": "-", "SPACY": False}, _SCALES],
               [{"LOWER": {"IN": ["a", "an"]}}, {"_": {"num_role": "scale"}}],
               [{"LOWER": "half"}, {"LOWER": {"IN": ["a", "an"]}}, {"_": {"num_role": "scale"}}]],
    "plus": [n + [{"ORTH": "+"}] for n in _NUMS],  # "120,000+ GPUs": more than the figure
    "range": [a + [_JOIN, _SYMBOL] + b for a in _NUMS for b in _NUMS],
    "magnitude": [[{"_": {"num_role": "mag"}}, {"LOWER": "of"}, {"_": {"num_role": "mag"}}],
                  [{"_": {"num_role": "mag"}}],
                  [{"_": {"num_role": "multi"}, "LOWER": {"NOT_IN": ["multi"]}}],
                  [{"LOWER": "multi"}, {"ORTH": "-"}, {"_": {"num_role": "scale"}}],
                  [{"LOWER": {"IN": lexicon()["vague_counts"]}}, _SCALES],
                  [{"LOWER": "a"}, {"LOWER": "few"}, _SCALES]],
}


def figure_of(span: Span, label: str) -> numbers.Figure | None:
    """Read the figure a matched span states; None where the words do not make one."""
    texts = [t.text for t in span]
    glued = [is_attached(t) for t in span]
    if label == "magnitude":
        return numbers.magnitude(texts)
    if label == "number":
        value = numbers.number(texts, glued)
        return None if value is None else numbers.Figure(value=value)
    if label == "plus":
        value = numbers.number(texts[:-1], glued[:-1])
        return None if value is None else numbers.Figure(value=value, shape="more_than")
    joiner = next(i for i, t in enumerate(span) if t.text in lexicon()["range_joiners"] and i > 0)
    right_start = joiner + 1 + (span[joiner + 1].text in lexicon()["currency_symbols"])
    low = numbers.number(texts[:joiner], glued[:joiner])
    high = numbers.number(texts[right_start:], glued[right_start:])
    if low is None or high is None:
        return None
    # "10-20 billion": the scale written once applies to both ends
    if not any(t._.num_role == "scale" for t in span[:joiner]):
        scales = [numbers.scale_value(t.text, is_attached(t)) for t in span[right_start:]
                  if t._.num_role == "scale"]
        for s in scales:
            low *= s
    if not low < high:
        return None
    return numbers.Figure(low=low, high=high, shape="range")


def _glued_plus(span: Span) -> bool:
    """`120,000+ GPUs`, not `6.56 + VAT` or `5+3`."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return is_attached(span[-1]) and not (after is not None and after.like_num and not span[-1].whitespace_)


def _valid_range(span: Span) -> bool:
    """`and` joins a range only after `between`; `from 5 to 6` and `5-6` need no opener."""
    if not any(t.lower_ == "and" for t in span):
        return True
    before = span.doc[max(span.start - 2, 0):span.start]
    return any(t.lower_ == "between" for t in before)


@Language.factory("quantities")
class Quantities:
    """Marks every figure in the text as a span in `doc.spans["quantities"]`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in PATTERNS.items():
            self.matcher.add(label, patterns)
        # a cheap pass over the doc's arrays for tokens that may be part of a figure; the full patterns,
        # whose extension attribute costs a Python call per token, then run only around them
        words = [*lexicon()["plural_magnitudes"], *lexicon()["number_words"], *lexicon()["scales"]]
        # shapes LIKE_NUM misses: 1'049,95 and 50,- or 1.899,-
        shapes = [f"{a}{sep}ddd{b}" for a in ("d", "dd", "ddd") for sep in ("'", ".") for b in ("", ",dd", ".dd", ",-")]
        shapes += ["d,-", "dd,-", "ddd,-", "dddd,-"]
        self.seed_words = frozenset(get_string_id(w) for w in words)
        self.seed_shapes = frozenset(get_string_id(w) for w in shapes)

    def seeds(self, doc: Doc) -> list[int]:
        """Tokens like a number, a number word or scale, a `multi…` word, or a shape as above."""
        words, shapes = self.seed_words, self.seed_shapes
        multi = {m.start() for m in _MULTI.finditer(doc.text)}
        return [i for i, (num, lower, shape, idx) in enumerate(doc.to_array([LIKE_NUM, LOWER, SHAPE, IDX]).tolist())
                if num or lower in words or shape in shapes or idx in multi]

    def __call__(self, doc: Doc) -> Doc:
        seeds = self.seeds(doc)
        if merged := _merge_digit_groups(doc, seeds):
            seeds = sorted({*self.seeds(doc), *merged})
        spans = []
        for window in _windows(doc, seeds):
            for match_id, start, end in self.matcher(window):
                span = Span(doc, window.start + start, window.start + end, label=match_id)
                if (span.label_ != "range" or _valid_range(span)) and (span.label_ != "plus" or _glued_plus(span)):
                    spans.append(span)
        kept = []
        for span in filter_spans(spans):
            figure = figure_of(span, span.label_)
            if figure is not None:
                span._.figure = (figure.value, figure.low, figure.high, figure.shape)
                kept.append(span)
        doc.spans[SPANS_KEY] = kept
        return doc


_MULTI = re.compile("multi", re.IGNORECASE)
_GROUP = re.compile(r"^\d{3}(?:[.,]\d{1,2})?$")
_GROUP_SPACES = {"\u00a0", "\u202f"}
_MONTHS = frozenset(lexicon()["calendar_words"]) | frozenset(lexicon()["month_abbreviations"])


def _merge_digit_groups(doc: Doc, seeds: list[int]) -> list[int]:
    """`10 000`, `1 298,00`: digit groups split by one space (or a no-break space, its own token)
    become one token, so the figure reads as one number and not as 10 and 0. Returns the merged
    tokens' indexes."""
    runs: list[list[int]] = []  # first and last token of each grouped number
    for i in seeds:
        tok = doc[i]
        gap = i + 1 < len(doc) and doc[i + 1].text in _GROUP_SPACES and not tok.whitespace_
        nxt = i + 1 + gap
        if nxt >= len(doc) or not _GROUP.match(doc[nxt].text) or (not gap and tok.whitespace_ != " "):
            continue
        if runs and runs[-1][1] == i and re.fullmatch(r"\d{3}", tok.text):
            runs[-1][1] = nxt
        elif re.fullmatch(r"\d{1,3}", tok.text) and not (i > 0 and _ends_other_figure(doc[i - 1])):
            runs.append([i, nxt])
    with doc.retokenize() as retokenizer:
        for first, last in runs:
            retokenizer.merge(doc[first:last + 1])
    shifts = [0, *itertools.accumulate(last - first for first, last in runs)]
    return [first - shift for (first, _), shift in zip(runs, shifts)]  # where the merged tokens are now


def _ends_other_figure(prev: Token) -> bool:
    """`5 100 200` or `March 31 100 mln`: a number or a month before the first group, so the groups
    may be figures of their own."""
    return (prev.like_num and bool(prev.whitespace_)) or prev.lower_ in _MONTHS


def _windows(doc: Doc, seeds: list[int], margin: int = 3) -> list[Span]:
    """Stretches of the doc around the seed tokens: the Matcher need not see the rest."""
    windows: list[list[int]] = []
    for i in seeds:
        start, end = max(i - margin, 0), min(i + margin + 1, len(doc))
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [doc[s:e] for s, e in windows]
