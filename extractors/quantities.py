"""The `quantities` component: every figure in the text, before anyone asks what it counts.

Finds `1.5 million`, `$10-20 billion`'s `10-20 billion`, `between 1 and 2`, `tens of billions`,
`multibillion` with a Matcher and stores each as a span in `doc.spans["quantities"]` with
`span._.figure = (value, low, high, shape)`. The money, power and chips components then look
at what stands around each figure.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
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

# A figure opens a run of numbers: `+` would start a Matcher state at every number of a run,
# n^2 matches for n numbers, and the longest (which filter_spans keeps) starts at the first.
Token.set_extension("opens_number_run", force=True, getter=lambda t: t._.num_role in _DIGIT_OR_WORD and (
    t.i == 0 or t.doc[t.i - 1]._.num_role not in _DIGIT_OR_WORD))
_DIGIT_OR_WORD = ("digit", "word")
_NUM = [{"_": {"opens_number_run": True}}, {"_": {"num_role": {"IN": list(_DIGIT_OR_WORD)}}, "OP": "*"},
        {"_": {"num_role": "scale"}, "OP": "*"}]
_JOIN = {"ORTH": {"IN": lexicon()["range_joiners"]}}
_SYMBOL = {"ORTH": {"IN": list(lexicon()["currency_symbols"])}, "OP": "?"}
PATTERNS = {
    "number": [_NUM,
               [{"LOWER": {"IN": ["a", "an"]}}, {"_": {"num_role": "scale"}}],
               [{"LOWER": "half"}, {"LOWER": {"IN": ["a", "an"]}}, {"_": {"num_role": "scale"}}]],
    "range": [_NUM + [_JOIN, _SYMBOL] + _NUM],
    "magnitude": [[{"_": {"num_role": "mag"}}, {"LOWER": "of"}, {"_": {"num_role": "mag"}}],
                  [{"_": {"num_role": "mag"}}],
                  [{"_": {"num_role": "multi"}, "LOWER": {"NOT_IN": ["multi"]}}],
                  [{"LOWER": "multi"}, {"ORTH": "-"}, {"_": {"num_role": "scale"}}]],
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
        # a cheap C-level pass for tokens that may be part of a figure; the full patterns,
        # whose extension attribute costs a Python call per token, then run only around them
        self.seeds = Matcher(nlp.vocab)
        words = [*lexicon()["plural_magnitudes"], *lexicon()["number_words"], *lexicon()["scales"]]
        self.seeds.add("seed", [[{"LIKE_NUM": True}], [{"LOWER": {"IN": words}}], [{"LOWER": {"REGEX": "^multi"}}]])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for window in _windows(doc, [start for _, start, _ in self.seeds(doc)]):
            for match_id, start, end in self.matcher(window):
                span = Span(doc, window.start + start, window.start + end, label=match_id)
                if span.label_ != "range" or _valid_range(span):
                    spans.append(span)
        kept = []
        for span in filter_spans(spans):
            figure = figure_of(span, span.label_)
            if figure is not None:
                span._.figure = (figure.value, figure.low, figure.high, figure.shape)
                kept.append(span)
        doc.spans[SPANS_KEY] = kept
        return doc


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
