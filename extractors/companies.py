"""The `companies` component: which businesses an article names, under one canonical name each.

Three sources, most trusted first: the gazetteer (`data/companies.jsonl`, names and aliases,
`AWS` → Amazon), cue patterns (`Ropak Corp`, `Bird Inc <BIRD>`, `chipmaker Nscale`, `a joint
venture called Stargate`) and the pretrained NER's ORG entities. Filters drop what is not a
business (`data/not_companies.txt`, `data/non_company_words.txt`, people, tickers). Mentions
land in `doc.spans["companies"]` with the canonical name as `kb_id_`; `doc._.companies`
lists each company's name and aliases.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.lexicon import jsonl, words

Doc.set_extension("companies", default=[], force=True)

SUFFIXES = {"inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
            "limited", "plc", "llc", "l.p.", "lp", "ag", "sa", "s.a.", "nv", "n.v.", "se", "gmbh",
            "group", "holdings", "holding", "incorporated", "cos", "cos."}
_SUFFIX_TITLES = sorted({s.capitalize() for s in SUFFIXES} | {s.upper() for s in SUFFIXES} | SUFFIXES)
_DESCRIPTORS = ["startup", "start-up", "chipmaker", "chip maker", "chip designer", "firm", "company",
                "rival", "carmaker", "automaker", "provider", "operator", "maker", "giant", "lender",
                "insurer", "retailer", "manufacturer", "utility", "conglomerate", "developer",
                "unit", "subsidiary", "partner", "neocloud", "hyperscaler"]
_NAME = {"IS_TITLE": True, "IS_SENT_START": False}
CUE_PATTERNS = {
    # Ropak Corp, British Petroleum Co PLC, Financial Corp of America
    "suffix": [[{"IS_TITLE": True, "OP": "+"}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": _SUFFIX_TITLES}},
                {"ORTH": {"IN": _SUFFIX_TITLES}, "OP": "?"}]],
    # Standard Oil Co <SRD>: the newswire ticker marks a listed company
    "ticker": [[{"IS_TITLE": True, "OP": "+"}, {"ORTH": "<"}, {"IS_UPPER": True}, {"ORTH": ">"}]],
    # chipmaker Nscale, AI startup Anthropic
    "descriptor": [[{"LOWER": {"IN": _DESCRIPTORS}}, {"TEXT": {"REGEX": r"^[A-Z][\w.&-]*[a-zA-Z]$"}},
                    {"IS_TITLE": True, "OP": "?"}]],
    # a joint venture called Stargate
    "called": [[{"LOWER": {"IN": ["venture", "company", "firm", "startup"]}},
                {"LOWER": {"IN": ["called", "named"]}}, {"IS_TITLE": True, "OP": "+"}]],
}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def strip_name(name: str) -> str:
    """`British Petroleum Co PLC` → `British Petroleum`, `the Ropak Corp.'s` → `Ropak`."""
    name = _POSSESSIVE.sub("", name.strip())
    parts = name.replace(",", " ").split()
    while len(parts) > 1 and parts[-1].lower() in SUFFIXES:
        parts.pop()
    while len(parts) > 1 and parts[0].lower() in {"the", "a", "an"}:
        parts.pop(0)
    return " ".join(parts)


def name_key(name: str) -> str:
    """Case- and punctuation-insensitive key of a stripped name."""
    return re.sub(r"[^a-z0-9]+", "", strip_name(name).lower())


@Language.factory("companies")
class Companies:
    """Finds company mentions and gives each its canonical name."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.gazetteer = PhraseMatcher(nlp.vocab)
        self.aliases: dict[str, list[str]] = {}
        for row in jsonl("companies.jsonl"):
            names = [row["name"], *row["aliases"]]
            self.aliases[row["name"]] = names
            variants = {v for n in names for v in (n, n.upper())}
            self.gazetteer.add(row["name"], [nlp.make_doc(v) for v in variants])
        self.cues = Matcher(nlp.vocab)
        for label, patterns in CUE_PATTERNS.items():
            self.cues.add(label, patterns)
        self.stoplist = {name_key(n) for n in words("not_companies.txt")}
        self.blockwords = {w.lower() for w in words("non_company_words.txt")}

    def __call__(self, doc: Doc) -> Doc:
        known = [Span(doc, s, e, label="COMPANY", kb_id=doc.vocab.strings[m])
                 for m, s, e in self.gazetteer(doc)]
        cued = [self._cue_span(doc, doc.vocab.strings[m], s, e) for m, s, e in self.cues(doc)]
        ner = [Span(doc, e.start, e.end, label="COMPANY") for e in doc.ents if e.label_ == "ORG"]
        people = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
        candidates = known + [s for s in cued + ner if s is not None and self._is_business(s, people)]
        # gazetteer matches win over overlapping cue and NER spans, longer spans over shorter
        mentions = filter_spans(sorted(candidates, key=lambda s: (not s.kb_id_, -(s.end - s.start))))
        mentions = [s for s in mentions if not self._is_ticker(s)]
        doc.spans["companies"], doc._.companies = self._canonicalise(doc, sorted(mentions))
        return doc

    def _cue_span(self, doc: Doc, label: str, start: int, end: int) -> Span | None:
        """The name inside a cue match: drop the descriptor, `called`, the ticker."""
        span = doc[start:end]
        if label == "descriptor":
            span = doc[start + 1:end]
        elif label == "called":
            span = doc[start + 2:end]
        elif label == "ticker":
            span = doc[start:end - 3]
        while len(span) > 1 and (span[0].is_stop or span[0].is_sent_start and span[0].is_stop):
            span = span[1:]
        return Span(doc, span.start, span.end, label="COMPANY")

    def _is_business(self, span: Span, people: set[int]) -> bool:
        text = strip_name(span.text)
        key = name_key(text)
        if not key or key in self.stoplist or key.isdigit():
            return False
        if any(w.lower() in self.blockwords for w in text.split()):
            return False
        if any(t.i in people for t in span) and not any(t.lower_ in SUFFIXES for t in span):
            return False
        return not any(c.isdigit() for c in text) or len(text) > 4

    def _is_ticker(self, span: Span) -> bool:
        """`(AMD)`, `<BP.L>`, `(NASDAQ:MSFT)`: a ticker after a name is an alias, not a company."""
        doc = span.doc
        before = doc[span.start - 1].text if span.start > 0 else ""
        return before in {"(", "<", ":"} and span.text.isupper() and not span.kb_id_

    def _canonicalise(self, doc: Doc, mentions: list[Span]) -> tuple[list[Span], list[list]]:
        """One canonical name per company: gazetteer name, else the longest stripped name."""
        surface: dict[str, set[str]] = {}
        for s in mentions:
            name = s.kb_id_ or strip_name(s.text)
            surface.setdefault(name, set()).add(_POSSESSIVE.sub("", s.text))
        # a shorter name that starts a single longer one is the same company: Ropak / Ropak Corp
        canonical = {n: n for n in surface}
        for short in surface:
            longer = [n for n in surface if n != short and n.startswith(short + " ")]
            if len(longer) == 1 and short not in self.aliases:
                canonical[short] = longer[0]
        # Acronyms in brackets after a name: British Petroleum Co PLC <BP.L> (BP)
        result: dict[str, set[str]] = {}
        for name, forms in surface.items():
            result.setdefault(canonical[name], set()).update(forms | {name})
        spans = [Span(doc, s.start, s.end, label="COMPANY", kb_id=canonical[s.kb_id_ or strip_name(s.text)])
                 for s in mentions]
        companies = [[name, sorted(a for a in aliases if a != name)] for name, aliases in result.items()]
        return spans, companies
