"""The `measures` component: what each figure is of — a deal's value, a share price, a valuation…

Totals add only what adds up (deal values, capacities, chip counts), so every fact says what
its figure measures. Power is a capacity and chips a count; money takes the measure of the
nearest cue around it, read as `qualifiers.py` reads its cues: a PhraseMatcher and a Matcher
over the rows of `data/measures.json` mark each cue on its first and last token, and a fact
looks a few words either way within its clause, never past another figure. Figures side by
side (`$70 a share, or $2.6 billion`, `US$9.7bn (A$14.8bn)`, `755.4 mln vs 708.3 mln`) read
their cues together. A rate settles what the cues leave open (`$42 a share` is a price,
`$300m a year` a fee, but `earnings of $1.25 a share` revenue); `invest $2bn` is capital
spending unless a company is named after it (`in Anthropic`), which makes it a deal. No cue:
`other`, which totals leave out.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import cache
from typing import get_args

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractors.facts import fact_spans, next_word, prev_word
from extractors.lexicon import DATA
from extractors.models import Measure

MEASURES = frozenset(get_args(Measure))
_BY_KIND = {"power": "capacity", "chips": "count"}
_PERIODS = frozenset({"year", "quarter", "month", "week", "day", "hour"})
# a rate's measure, and the cue measures that say better what the rate is of
_RATES = {"share": ("price_per_share", frozenset({"revenue", "other"})),
          **{p: ("fee", frozenset({"revenue", "capex", "other"})) for p in _PERIODS}}
_PER_UNIT = ("other", frozenset())  # `$80 a barrel`, `$5 a tonne`
_CLAUSE = 25  # words before a cue in which the word it needs may stand

Span.set_extension("measure", default=None, force=True)
Token.set_extension("measure_cue_end", default=None, force=True)  # on a cue's last token: (start, row)
Token.set_extension("measure_cue_start", default=None, force=True)  # on its first: (end, row)


@dataclass(frozen=True)
class Cue:
    """One row of `measures.json`: the measure its words give, where they stand, how far."""

    measure: str
    side: str
    gap: int
    counterparty: str | None = None
    last_word: frozenset[str] | None = None
    needs: frozenset[str] | None = None


@cache
def measure_data() -> dict:
    """`data/measures.json`, checked."""
    return checked(json.loads((DATA / "measures.json").read_text(encoding="utf-8")))


def checked(data: dict) -> dict:
    """The data, if every row has a known measure and side and every phrase is in one row only."""
    seen: dict[str, int] = {}
    for i, row in enumerate(data["cues"]):
        if row["measure"] not in MEASURES or row.get("counterparty", "other") not in MEASURES:
            raise ValueError(f"measures.json row {i}: unknown measure")
        if row["side"] not in {"before", "after", "both"}:
            raise ValueError(f"measures.json row {i}: side is before, after or both")
        for phrase in phrases(row["cues"], data["words"]):
            if seen.setdefault(phrase, i) != i:
                raise ValueError(f"measures.json: {phrase!r} is in rows {seen[phrase]} and {i}")
    return data


def phrases(cues: list, words: dict[str, list[str]]) -> list[str]:
    """A row's phrase cues, templates filled in: `{deal} worth` → `deal worth`, `contract worth`…"""
    found = []
    for cue in cues:
        if isinstance(cue, str):
            parts = [words[p[1:-1]] if p.startswith("{") else [p] for p in cue.split()]
            found += [" ".join(choice) for choice in itertools.product(*parts)]
    return found


def patterns(cues: list, words: dict[str, list[str]]) -> list[list[dict]]:
    """A row's token-pattern cues, each `"IN": "name"` made the word list it names."""
    def filled(value):
        if isinstance(value, dict):
            return {k: words[v] if k == "IN" and isinstance(v, str) else filled(v) for k, v in value.items()}
        return value
    return [[filled(token) for token in cue] for cue in cues if isinstance(cue, list)]


@Language.factory("measures")
class Measures:
    """Sets `span._.measure` on every fact of `doc.spans["facts"]`."""

    def __init__(self, nlp: Language, name: str) -> None:
        data = measure_data()
        self.rows = [Cue(r["measure"], r["side"], r["gap"], r.get("counterparty"), frozenset(r.get("last_word", ())) or None,
                         frozenset(data["words"][r["needs"]]) if "needs" in r else None) for r in data["cues"]]
        self.reach = max(r.gap for r in self.rows)
        self.joiners = frozenset(data["chain_joiners"])
        self.breaks = frozenset(data["clause_breaks"])
        self.after_breaks = frozenset(data["after_breaks"])
        self.modifier_ends = frozenset(data["prepositions"])  # `a $2bn Series C round`, not `$2bn in a round`
        self.prepositions = frozenset(data["counterparty"]["prepositions"])
        self.after_figure = data["counterparty"]["words_after_figure"]
        self.after_preposition = data["counterparty"]["words_after_preposition"]
        self.phrase_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pattern_cues = Matcher(nlp.vocab)
        for i, row in enumerate(data["cues"]):
            self.phrase_cues.add(str(i), [nlp.make_doc(p) for p in phrases(row["cues"], data["words"])])
            self.pattern_cues.add(str(i), patterns(row["cues"], data["words"]))

    def __call__(self, doc: Doc) -> Doc:
        cues = filter_spans(self.phrase_cues(doc, as_spans=True) + self.pattern_cues(doc, as_spans=True))
        for cue in cues:
            doc[cue.end - 1]._.measure_cue_end = (cue.start, int(cue.label_))
            doc[cue.start]._.measure_cue_start = (cue.end, int(cue.label_))
        doc.spans["measure_cues"] = cues
        companies = {t.i for s in doc.spans.get("companies", []) for t in s}
        spans = fact_spans(doc)
        rates = self._rates(spans)
        for chain in self._chains(spans):
            cue = self._nearest(doc, chain[0].start, chain[-1].end)
            if cue is not None and cue.counterparty and self._tied(doc, chain[-1].end, companies):
                cue = Cue(cue.counterparty, cue.side, cue.gap)
            for span in chain:
                span._.measure = _measure(span.label_, rates[span.start], cue)
        return doc

    def _walk(self, doc: Doc, i: int, step: int, reach: int, past_figures: bool = False):
        """(words passed, token) from token i on, one way (`step` -1 or 1), within the clause, up to
        `reach` words passed and, unless `past_figures`, never into a figure: a cue past another
        figure is that one's."""
        gap = 0
        while 0 <= i < len(doc) and gap <= reach and doc[i].text not in self.breaks:
            tok = doc[i]
            if (tok.is_sent_start and step > 0) or (step < 0 and doc[i + 1].is_sent_start) or (
                    tok._.in_fact and not past_figures):
                return
            if not tok.is_space:
                yield gap, tok
                gap += not tok.is_punct
            i += step

    @staticmethod
    def _rates(spans: list[Span]) -> dict[int, str | None]:
        """Each fact's rate period by its first token: its own, or that of the figure after it
        joined by `and` (`at $4 and $5.75 a share`: both are prices per share)."""
        rates: dict[int, str | None] = {}
        after = None
        for span in reversed(spans):
            joined = after is not None and [t.lower_ for t in span.doc[span.end:after.start] if not t.is_space] == ["and"]
            rates[span.start] = span._.per or (rates[after.start] if joined else None)
            after = span
        return rates

    def _chains(self, spans: list[Span]) -> list[list[Span]]:
        """Facts joined by nothing but `(`, `,`, `or`, `vs`…: one figure in two currencies, a
        price per share and the total, this year's and last year's."""
        chains: list[list[Span]] = []
        for span in spans:
            last = chains[-1][-1] if chains else None
            between = span.doc[last.end:span.start] if last is not None else None
            if between is not None and all(t.is_space or t.lower_ in self.joiners for t in between) and not any(
                    t.is_sent_start for t in span.doc[last.end:span.start + 1]):
                chains[-1].append(span)
            else:
                chains.append([span])
        return chains

    def _nearest(self, doc: Doc, start: int, end: int) -> Cue | None:
        """The cue nearest the figure at tokens [start, end), in words; on a tie the noun after it that
        it modifies (`a $2bn Series C round`), then the cue before it, then the row first in the file."""
        found = []
        for step, mark, sides in ((1, "measure_cue_start", {"after", "both"}), (-1, "measure_cue_end", {"before", "both"})):
            modifies = step > 0
            for gap, tok in self._walk(doc, start - 1 if step < 0 else end, step, self.reach):
                if step > 0 and tok.lower_ in self.after_breaks:
                    break
                if (hit := getattr(tok._, mark)) is not None:
                    cue_start, row = (tok.i, self._head(doc, *hit)) if step > 0 else hit
                    if self._fits(self.rows[row], sides, gap, doc, start, cue_start):
                        found.append((gap, 0 if modifies else 1 if step < 0 else 2, row))
                        break
                modifies = modifies and tok.lower_ not in self.modifier_ends
        return self.rows[min(found)[2]] if found else None

    def _head(self, doc: Doc, end: int, row: int) -> int:
        """The row of the last of cues written together after a figure, the compound's head:
        `$2bn in loan exposure` is an exposure, `a $5m deal fee` a fee."""
        while (after := next_word(doc, end)) is not None and (hit := after._.measure_cue_start) is not None \
                and self.rows[hit[1]].side != "before":
            end, row = hit
        return row

    def _fits(self, row: Cue, sides: set[str], gap: int, doc: Doc, start: int, cue_start: int) -> bool:
        """A cue on a side its row reads, close enough, with the word its row wants before the figure
        (`values the maker of power stations at 2 trillion yen`) and before itself (`bought … for`)."""
        if row.side not in sides or gap > row.gap:
            return False
        if row.last_word is not None and getattr(prev_word(doc, start), "lower_", None) not in row.last_word:
            return False
        return row.needs is None or any(t.lower_ in row.needs for _, t in self._walk(doc, cue_start - 1, -1, _CLAUSE, True))

    def _tied(self, doc: Doc, end: int, companies: set[int]) -> bool:
        """A company named just after the figure, behind `in`, `from`, `with`…: `invest $2bn in
        Anthropic`, `a $500m investment from Alphabet`."""
        for _, tok in self._walk(doc, end, 1, self.after_figure - 1):
            if tok.lower_ in self.prepositions:
                return any(t.i in companies for _, t in self._walk(doc, tok.i + 1, 1, self.after_preposition - 1))
        return False


def _measure(kind: str, per: str | None, cue: Cue | None) -> str:
    """Power is capacity and chips a count; money what its cue says, unless a rate says better."""
    if kind in _BY_KIND:
        return _BY_KIND[kind]
    if per is None:
        return cue.measure if cue is not None else "other"
    rate, kept = _RATES.get(per, _PER_UNIT)
    return cue.measure if cue is not None and cue.measure in kept else rate
