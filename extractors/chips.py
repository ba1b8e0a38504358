"""The `chips` component: counts of chips — `100,000 Nvidia H100 GPUs`, `one million of Google's TPUs`.

Chip words and models come from `data/chips.jsonl` (a model → vendor table). A count is a figure
followed, within a short noun phrase, by a chip word; the vendor is a company named inside that
phrase, else the model's maker. Not counts: `72-GPU rack` and `72 GPUs in a single rack` (a
product spec), `1,000 DGX B200 systems` (servers). `1 million units` counts when the sentence already speaks of GPUs,
and `another 40,000 of them` or `30,000 for one lab` when the chips were named just before.
"""
from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractors.facts import add_fact, bare, figure, next_word, prev_word
from extractors.lexicon import jsonl, lexicon
from extractors.quantities import SPANS_KEY

_MAX_GAP = 5  # words between the figure and the chip word: "of Google's next-generation"
_GAP_WORDS = set(lexicon()["chip_phrase_words"])
# words a chip phrase may hold without counting towards its length: "of the company's"
_FREE_WORDS = frozenset(lexicon()["chip_phrase_free_words"])
_LEGAL_SUFFIXES = frozenset(lexicon()["legal_suffixes"])
_CONTINUERS = frozenset(lexicon()["continuation_cues"])
_PRONOUNS = frozenset(["them", "these", "those"])
_SPEC_EACH = frozenset(lexicon()["chip_spec"]["each"])  # "each", "single" … before the machine
_SPEC_UNITS = frozenset(lexicon()["chip_spec"]["units"])  # "rack", "server" …
_PERIODS = frozenset(lexicon()["periods"])


def _variants(phrase: str) -> list[str]:
    return [phrase, phrase + "s"]


@Language.factory("chips")
class Chips:
    """Turns figures followed by a chip word into chip-count facts."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.vendor: dict[str, str | None] = {}
        for row in jsonl("chips.jsonl"):
            for phrase in row["phrases"]:
                key = phrase.lower()
                self.vendor[key] = row["vendor"]
                self.matcher.add(row["kind"], [nlp.make_doc(v) for v in _variants(phrase)])

    def _term_vendor(self, term: Span) -> str | None:
        text = term.text.lower()
        return self.vendor.get(text, self.vendor.get(text[:-1]))

    def __call__(self, doc: Doc) -> Doc:
        terms = {t.start: t for t in self.matcher(doc, as_spans=True)}
        companies = {t: s for s in doc.spans.get("companies", []) for t in range(s.start, s.end)}
        for q in sorted(doc.spans[SPANS_KEY], key=lambda q: q.start):
            found = self._chip_phrase(doc, q, terms, companies) or self._back_reference(doc, q, terms)
            if found is None:
                continue
            end, chip, vendor = found
            add_fact(doc, q.start, end, "chips", figure(q), chip=chip, vendor=vendor)
        return doc

    def _back_reference(self, doc: Doc, q: Span, terms: dict):
        """`another 40,000 of them`, `30,000 for one lab and 45,000 for another` after the chips
        were named: (end, chip, vendor) of the chips named last, in this sentence or the one
        before (`for` only in this one)."""
        fig, prev, after = figure(q), prev_word(doc, q.start), next_word(doc, q.end)
        if fig.value is None or _year_like(q) or not bare(doc, q.end):
            return None
        them = after is not None and after.lower_ == "of" and (pronoun := next_word(doc, after.i + 1)) is not None \
            and pronoun.lower_ in _PRONOUNS
        listed = after is not None and after.lower_ == "for"
        if not (them or listed or (prev is not None and prev.lower_ in _CONTINUERS)):
            return None
        sent = doc[q.start].sent
        first = sent.start if listed or sent.start == 0 else doc[sent.start - 1].sent.start
        named = [t for start, t in terms.items() if first <= start and t.end <= q.start]
        facts = [f for f in doc.spans.get("facts", []) if f.label_ == "chips" and first <= f.start < q.start]
        if facts and (not named or facts[-1].end >= named[-1].end):
            return (pronoun.i + 1 if them else q.end), facts[-1]._.chip, facts[-1]._.vendor
        if not named:
            return None
        last = named[-1]
        models = [t for t in named if t.label_ == "model" and t.end >= last.start - 1]
        return (pronoun.i + 1 if them else q.end), _singular((models or [last])[0].text), \
            self._term_vendor((models or [last])[0])

    def _chip_phrase(self, doc: Doc, q: Span, terms: dict, companies: dict):
        """(end, chip, vendor) of the chip noun phrase after figure q, or None."""
        i, vendor, models, heads = q.end, None, [], []
        if i < len(doc) and doc[i].text == "-" and not doc[q.end - 1].whitespace_:
            return None  # "72-GPU rack": a spec, not a count
        gap = 0
        while i < len(doc) and gap <= _MAX_GAP:
            tok = doc[i]
            if i in terms:
                term = terms[i]
                (models if term.label_ == "model" else heads).append(term)
                vendor = vendor or self._term_vendor(term)
                i = term.end
                continue
            if tok.is_space:
                i += 1
                continue
            if heads:  # the phrase ends at its chip word
                break
            if i in companies:
                vendor = companies[i].kb_id_
                i = _after_ticker(doc, companies[i].end)
                continue
            if tok.lower_ in _FREE_WORDS:
                i += 1
                continue
            if tok.lower_ in _GAP_WORDS or (tok.is_upper and tok.is_alpha):
                i, gap = i + 1, gap + 1
                continue
            break
        if not models and not heads:
            return self._units(doc, q)
        last = (heads or models)[-1]
        follower = next_word(doc, last.end)
        spec = follower is not None and follower.lower_ in lexicon()["not_chip_followers"]
        if spec or _per_unit(doc, q.start, last.end):
            return None
        end = last.end
        if follower is not None and follower.text == "(":  # "graphics processing units (GPUs)"
            close = next_word(doc, follower.i + 2)
            if follower.i + 1 in terms and close is not None and close.text == ")":
                end = close.i + 1
        named = models or heads
        chip = doc[named[0].start:named[-1].end].text
        return end, _singular(chip), vendor

    def _units(self, doc: Doc, q: Span):
        """`1 million units` where the sentence has already named the chip."""
        tok = next_word(doc, q.end)
        if tok is None or tok.lower_ not in lexicon()["chip_count_nouns"]:
            return None
        sent = doc[q.start].sent
        named = self.matcher(doc[sent.start:q.start], as_spans=True)
        if not named:
            return None
        return tok.i + 1, _singular(named[-1].text), self._term_vendor(named[-1])


def _year_like(q: Span) -> bool:
    """`2026`: a year, not a count of chips."""
    return len(q) == 1 and q[0].text.isdigit() and 1900 <= int(q[0].text) <= 2100


def _after_ticker(doc: Doc, i: int) -> int:
    """Past the legal suffix and the ticker in brackets after a company's name: `Nvidia Corp.
    (NASDAQ:NVDA) H200s`."""
    while i < len(doc) and (doc[i].lower_ in _LEGAL_SUFFIXES or (
            doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].lower_ in _LEGAL_SUFFIXES)):
        i += 1
    if i >= len(doc) or doc[i].text != "(":
        return i
    for j in range(i + 1, min(i + 6, len(doc))):
        if doc[j].text == ")":
            return j + 1
        if not (doc[j].is_upper or doc[j].text in {":", "."}):
            break
    return i


def _per_unit(doc: Doc, start: int, end: int) -> bool:
    """`… GPUs into each liquid-cooled rack`, `… in a single rack`, `each server has 8 GPUs`: how
    many chips one machine holds, a spec rather than a count (not `100,000 GPUs per year across
    its servers`)."""
    sent = doc[start].sent
    for near in ([t for t in doc[end:sent.end] if not t.is_space][:8],
                 [t for t in doc[sent.start:start] if not t.is_space][-4:]):
        for i, t in enumerate(near):
            if t.lower_ not in _SPEC_EACH:
                continue
            for u in near[i + 1:i + 5]:  # the machine, at most three adjective words on
                if u.lower_ in _SPEC_UNITS:
                    return True
                if u.is_stop or u.lower_ in _PERIODS:
                    break
    return False


@cache
def chip_words() -> frozenset[str]:
    """Words that name chips on their own, lower case, singular and plural: one-word chip words
    (`GPU`, `accelerator`) and the first word of models (`Grace`, `TPU`), not of generic phrases
    (`AI chip`, `graphics processor`)."""
    return frozenset(v.lower() for row in jsonl("chips.jsonl") for p in row["phrases"]
                     if " " not in p or row["kind"] == "model" for v in _variants(p.split()[0]))


def makes_chips(mention: Span) -> bool:
    """`Nvidia GB300 GPUs`, `Google's latest TPUs`: the company is named as the chips' maker."""
    doc = mention.doc
    for tok in doc[mention.end:mention.end + 4]:
        if tok.lower_ in chip_words():
            return True
        if not (tok.is_space or tok.text in {"'s", "’s"} or tok.lower_ in _GAP_WORDS):
            return False
    return False


@cache
def _synonyms() -> dict[str, str]:
    """Each chip word → the first word of its row: `tensor processing unit` → `tpu`."""
    return {p.lower(): row["phrases"][0].lower() for row in jsonl("chips.jsonl") if row["kind"] == "head"
            for p in row["phrases"]}


def chip_key(chip: str | None) -> str | None:
    """The chip a fact counts, whatever words name it: `TPU` and `Tensor Processing Unit` agree,
    `H100` and `H200` do not."""
    if chip is None:
        return None
    low = _singular(chip).lower()
    return _synonyms().get(low, low)


def _singular(chip: str) -> str:
    return chip[:-1] if chip.endswith("s") and not chip.endswith("ss") else chip
