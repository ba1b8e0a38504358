"""The `companies` component: which businesses an article names, under one canonical name each.

Three sources, most trusted first: the gazetteer (`data/companies.jsonl`, names and aliases,
`AWS` → Amazon), cue patterns (`Ropak Corp`, `Bird Inc <BIRD>`, `chipmaker Nscale`, `a joint
venture called Stargate`) and the pretrained NER's ORG entities. Filters drop what is not a
business (`data/not_companies.txt`, `data/outlets.txt`, `data/non_company_words*.txt`,
`data/generic_names.txt`, people, places, tickers, headings).
Mentions land in `doc.spans["companies"]` with the canonical name as `kb_id_`;
`doc._.companies` lists each company's name and aliases.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from extractors.company_roles import RoleCues
from extractors.lexicon import jsonl, lexicon, words
from extractors.name_lists import list_mates

Doc.set_extension("companies", default=[], force=True)

SUFFIXES = set(lexicon()["legal_suffixes"])
# `Silver Lake Partners`: words that mark a company yet stay in its name
_NAME_WORDS = frozenset(lexicon()["suffixes_kept_in_names"])
_LEGAL_PREFIXES = frozenset(lexicon()["legal_prefixes"])
_SUFFIX_TITLES = sorted({s.capitalize() for s in SUFFIXES} | {s.upper() for s in SUFFIXES} | {"plc"}
                        | set(lexicon()["legal_suffix_forms"]))  # GmbH, SpA
_DESCRIPTORS = lexicon()["company_descriptors"]
_ANALYSTS = {"LOWER": {"IN": lexicon()["analyst_words"]}}
# A repeat (`+`, `*`) starts a Matcher state at every word it can match, and each lives to the
# end of the run: a run of n capitalised words cost n^2, and `+` then `*` over the same words
# n^3. So a name opens a run of capitalised words (the longest match starts there anyway), a
# name after a cue stops at the next cue, and the joined form of a legal name needs its `and`.
Token.set_extension("opens_title_run", force=True,
                    getter=lambda t: t.is_title and (t.i == 0 or not t.doc[t.i - 1].is_title))
# a name goes on over title-case words and acronyms (`Banco BTG Pactual SA`, `Unconventional AI`),
# matched by shape: one set lookup a token
_NAME_SHAPES = ["Xx", "Xxx", "Xxxx", "Xxxxx", "Xx.", "Xxx.", "Xxxx.", "Xxxxx.", "XX", "XXX", "XXXX"]
_NAME = [{"IS_TITLE": True, "_": {"opens_title_run": True}}, {"SHAPE": {"IN": _NAME_SHAPES}, "OP": "*"}]
_LEGAL_END = [{"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": _SUFFIX_TITLES}}, {"ORTH": {"IN": _SUFFIX_TITLES}, "OP": "?"}]
_CALLED = ["called", "named"]
CUE_PATTERNS = {
    # Ropak Corp, British Petroleum Co PLC, Financial Corp of America, Federal Savings and Loan Insurance Corp
    "suffix": [[*_NAME, *_LEGAL_END],
               [*_NAME, {"LOWER": {"IN": ["and", "&", "of"]}}, {"IS_TITLE": True, "OP": "*"}, *_LEGAL_END]],
    # Standard Oil Co <SRD>: the newswire ticker marks a listed company
    "ticker": [[*_NAME, {"ORTH": "<"}, {"IS_UPPER": True}, {"ORTH": ">"}]],
    # <Scott's Hospitality Inc>: newswire brackets an unlisted company's whole name
    "bracketed": [[{"ORTH": "<"}, {"TEXT": {"REGEX": r"^[A-Z]"}},
                   {"ORTH": {"NOT_IN": ["<", ">"]}, "IS_SPACE": False, "OP": "+"}, {"ORTH": ">"}]],
    # chipmaker Nscale, AI startup Anthropic
    "descriptor": [[{"LOWER": {"IN": _DESCRIPTORS}}, {"TEXT": {"REGEX": r"^[A-Z][\w.&-]*[a-zA-Z]$"}},
                    {"IS_TITLE": True, "OP": "?"}]],
    # analysts at DA Davidson, economists at Citi
    "analysts": [[_ANALYSTS, {"LOWER": "at"}, {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"NOT_IN": ["at"]}, "OP": "+"}]],
    # Kuda, a startup out of Nigeria; Stark Future, a Spanish electric motorcycle maker
    "appositive": [[*_NAME, {"ORTH": ","}, {"LOWER": {"IN": ["a", "an"]}},
                    *[{"ORTH": {"NOT_IN": [",", ".", ";", ":"]}, "LOWER": {"NOT_IN": _DESCRIPTORS}, "OP": "?"}] * 3,
                    {"LOWER": {"IN": _DESCRIPTORS}}]],
    # a joint venture called Stargate
    "called": [[{"LOWER": {"IN": ["venture", "company", "firm", "startup"]}},
                {"LOWER": {"IN": _CALLED}}, {"IS_TITLE": True, "LOWER": {"NOT_IN": _CALLED}, "OP": "+"}]],
}
# "Shares of Constellation Energy Group, Inc.": words a cue match may start with that are not the name
_LEADING = set(lexicon()["name_leading_words"])
_CALENDAR = set(lexicon()["calendar_words"])
_TITLES = set(lexicon()["job_titles"])
_NOT_A_NAME_START = _LEADING | _TITLES | _CALENDAR
_PLACE_DESCRIPTORS = frozenset(lexicon()["place_descriptors"])
_INVESTING_BODIES = lexicon()["investing_bodies"]
_FUNCTION_WORDS = frozenset(lexicon()["title_case_small_words"])
_FACILITIES = frozenset(lexicon()["facility_name_ends"])
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_CREDITS = frozenset(lexicon()["credit_words"])
_PERSON_DESCRIPTORS = frozenset(lexicon()["person_descriptors"])
_SKIP = {"descriptor": (1, 0), "appositive": (0, 0), "called": (2, 0), "analysts": (2, 0), "ticker": (0, 3),
         "suffix": (0, 0), "bracketed": (1, 1)}
# `Margaret T. Holloway`, `R. Dean Castellan`: an initial beside a given name is a person's
_INITIALLED = re.compile(r"^[A-Z][a-z]+ (?:[A-Z]\. )+[A-Z][a-z]+$|^[A-Z]\. [A-Z][a-z]+ [A-Z][a-z]+$")
_QUOTES = {'"', "“", "”", "'", "‘", "’"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_TICKER = re.compile(r"<[^>]*>?|>")
# `The Ledger reported on Monday, citing …`: what follows `reported` when a report is cited
_AFTER_REPORTED = set(lexicon()["calendar_words"]) | {"that", "on", "citing", "earlier", "last", "late", "this",
                                                      "in", "yesterday", "today", "first"}


def _unaccented(name: str) -> str:
    """`Telefónica` → `Telefonica`: news written without the accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def strip_name(name: str) -> str:
    """`British Petroleum Co PLC` → `British Petroleum`, `the Ropak Corp.'s` → `Ropak`,
    `Tallis Partners` stays."""
    name = _POSSESSIVE.sub("", " ".join(_TICKER.sub(" ", name).split()))
    parts = name.replace(",", " ").split()
    while len(parts) > 1 and (parts[-1].lower() in SUFFIXES - _NAME_WORDS or parts[-1].lower() in {"and", "&", "of"}):
        parts.pop()
    while len(parts) > 1 and (parts[0].lower() in {"the", "a", "an"} or parts[0] in _LEGAL_PREFIXES):
        parts.pop(0)  # `UAB Ignitis`, `PJSC Gazprom`
    return " ".join(parts)


def name_key(name: str) -> str:
    """Case- and punctuation-insensitive key of a stripped name."""
    return re.sub(r"[^a-z0-9]+", "", strip_name(name).lower())


def company_id(name: str) -> str:
    """A company's id in every warehouse: its name folded to lower case without legal suffix,
    spaces or punctuation (`Ropak Corp.` and `ROPAK` are `ropak`; `Société Générale` keeps its
    letters). A name of punctuation alone is its own id."""
    return re.sub(r"[\W_]+", "", strip_name(name).casefold()) or name.casefold()


@Language.factory("companies")
class Companies:
    """Finds company mentions and gives each its canonical name."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.gazetteer = PhraseMatcher(nlp.vocab)
        self.aliases: dict[str, list[str]] = {}
        listed = jsonl("listed_companies.jsonl")  # index members, written by tools/build_listed_companies.py
        self.listed = {row["name"] for row in listed}
        for row in [*listed, *jsonl("companies.jsonl")]:  # the hand-kept rows have the last word
            names = [row["name"], *row["aliases"]]
            self.aliases[row["name"]] = names
            variants = {v for n in names for v in (n, n.upper(), _unaccented(n))}  # `Telefonica`
            self.gazetteer.add(row["name"], [nlp.make_doc(v) for v in variants])
        self.alias_keys = {name_key(n) for names in self.aliases.values() for n in names}
        self.roles = RoleCues(nlp)
        self.cues = Matcher(nlp.vocab)
        for label, patterns in CUE_PATTERNS.items():
            self.cues.add(label, patterns, greedy="LONGEST")
        self.outlets = {name_key(n) for n in words("outlets.txt")}
        self.stoplist = {name_key(n) for n in words("not_companies.txt")} | self.outlets
        self.blockwords = {w.lower() for w in words("non_company_words.txt")}
        self.unless_suffixed = {w.lower() for w in words("non_company_words_unless_suffixed.txt")}
        self.generic = {w.lower() for w in words("generic_names.txt")}
        self.places = set(words("places.txt"))
        self._possessives = [nlp.vocab.strings.add(p) for p in ("'s", "’s")]
        self.sites = {w.lower() for w in words("site_words.txt")}
        self.technical = {w.lower() for w in words("technical_words.txt")}
        self.common_first = self.generic | {w.lower() for w in words("common_first_words.txt")}
        # `Blackwell Ultra`, `Instinct MI450`: chip models are products
        self.products = {f" {p.lower()} " for row in jsonl("chips.jsonl") if row["kind"] == "model"
                         for p in row["phrases"]}

    def __call__(self, doc: Doc) -> Doc:
        known = [Span(doc, s, e, label="known", kb_id=doc.vocab.strings[m])
                 for m, s, e in self.gazetteer(doc)]
        matches = [(doc.vocab.strings[m], s, e) for m, s, e in self.cues(doc)]
        found = [(label, s, e, c) for label, s, e in matches for c in _cue_spans(doc, label, s, e)]
        cued = [c for *_, c in found] + self._of_places(doc)
        credited = _credited(doc)
        people = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e} | credited
        # `motorcycle maker Stark Future`, `Kuda, a startup`: the descriptor outweighs the NER's
        # guess of a person, unless a person can be one (`investor Carl Icahn`)
        people -= {i for label, s, e, c in found if label in {"descriptor", "appositive"}
                   and _descriptor(doc, label, s, e) not in _PERSON_DESCRIPTORS for i in range(c.start, c.end)}
        # "Chief Executive Brian Corby … Corby said": a full name's surname alone is the person
        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        named = [s for s in _ner_candidates(doc) if len(s) > 1 or s.text not in surnames]
        # a role outweighs the NER's guess of a lone word (`Zorvex raised $120 million`), not a full name
        full_names = {t.i for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e} | credited
        roles = [s for s in self.roles(doc) if s.text not in surnames and self._is_business(s, full_names)]
        others = [s for s in cued + named if self._is_business(s, people)] + roles
        others = self._not_sources(others)
        known = [k for k in known if not self._inside_other_name(k, cued)
                 and not self._doubtful_listing(k, named, surnames)]
        mentions = [s for s in _by_priority(known + others) if not _is_ticker(s)]
        # in a list of companies a name the NER calls a person (Andreessen Horowitz) is a company
        mates = [s for s in list_mates(doc, mentions) if self._is_business(s, set())]
        mentions = _by_priority(mentions + mates)
        spans, doc._.companies = self._canonicalise(doc, mentions)
        doc.spans["companies"] = sorted(spans + self._echoes(doc, spans, doc._.companies))
        return doc

    def _doubtful_listing(self, known: Span, named: list[Span], surnames: set[str]) -> bool:
        """An index member's name is weaker than the hand-kept ones: inside a longer name the NER
        found it is part of another company (`Sumitomo` in `Sumitomo Chemical`, `Douglas` in
        `McDonnell Douglas`), one word that is a person's surname is that person (`Chairman
        Kenneth Douglas … Douglas said`; the NER's guess of a person alone is no reason:
        `Telefonica agreed …`), and one word after `its` is a thing of its owner (`its Hermes
        reactor`)."""
        if known.kb_id_ not in self.listed:
            return False
        if len(known) == 1 and (known.text in surnames or known.start > 0 and known.doc[known.start - 1].lower_ in
                                {"its", "their"}):
            return True  # "Kenneth Douglas … Douglas said", "building its Hermes reactor"
        return any(n.start <= known.start and n.end >= known.end and len(n) > len(known)
                   and name_key(n.text) not in self.alias_keys for n in named)

    def _of_places(self, doc: Doc) -> list[Span]:
        """`Norway's Statkraft`, `Abu Dhabi's Masdar`: a name after a country's or a city's
        possessive (a person or a place there is filtered later, as for any cue)."""
        spans = []
        for i in np.flatnonzero(np.isin(doc.to_array(ORTH), self._possessives)).tolist():
            if not any(doc[max(0, i - n):i].text in self.places for n in (1, 2, 3)):
                continue
            end = i + 1
            while end < len(doc) and end - i <= 4 and (doc[end].is_title or _camel_case(doc[end].text)):
                end += 1
            if end > i + 1 and doc[i + 1].lower_ not in _NOT_A_NAME_START and doc[i + 1].ent_type_ not in _PLACE_ENTS:
                spans.append(Span(doc, i + 1, end, label="cue"))
        return spans

    def _inside_other_name(self, known: Span, cued: list[Span]) -> bool:
        """`Brookfield` in `Brookfield Thrift Inc`: a known name that begins the legal name of
        another company (not `Nvidia Corp`, the listed company itself, nor `Nvidia and
        Microsoft Corp`, two companies)."""
        def longer(c: Span) -> bool:
            rest = c.doc[known.end:c.end]
            return (c.start == known.start and c.end > known.end and (c[-1].lower_ in SUFFIXES or _bracketed(c))
                    and not any(t.lower_ in {"and", "&", ","} for t in rest)
                    and name_key(c.text) not in self.alias_keys)
        return any(longer(c) for c in cued)

    def _echoes(self, doc: Doc, spans: list[Span], companies: list[list]) -> list[Span]:
        """Later one-word mentions of a company already found: `Stora` after `Stora Kopparbergs
        Bergslags AB`, `COL` after `Consolidated Ores Ltd (COL)`. A first word counts only if it
        is distinctive: capitalised, not generic, never written in lower case in the text; it is
        the first-named company's when two share it (`Quest` after `Quest Biotechnology Inc said its
        Quest Blood Substitute Inc unit`); and not inside a person's full name (`Donald Trump`)."""
        if not len(doc):
            return []
        ids = doc.to_array([ORTH])
        present = set(ids.tolist())
        forms: dict[str, str] = {}
        for name, aliases in companies:
            for form in [name, *aliases]:
                if " " not in form:
                    forms[form] = name
            first = name.split()[0]
            if " " in name and len(first) > 3 and first[0].isupper() and first.lower() not in self.common_first \
                    and doc.vocab.strings.add(first.lower()) not in present:
                forms.setdefault(first, name)  # two claim it: the first named, the story's subject
        keys = {doc.vocab.strings.add(f): n for f, n in forms.items()}
        taken = {i for s in spans for i in range(s.start, s.end)}
        taken |= {t.i for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        return [Span(doc, i, i + 1, label="COMPANY", kb_id=keys[ids[i]])
                for i in np.flatnonzero(np.isin(ids, list(keys))).tolist() if i not in taken]

    def _not_sources(self, candidates: list[Span]) -> list[Span]:
        """Without the names cited as the source of the report (`the Daily Courier reported on
        Monday`): they are news outlets wherever the article names them."""
        outlets = {name_key(s.text) for s in candidates if _cited_as_source(s) and s[-1].lower_ not in SUFFIXES}
        return [s for s in candidates if name_key(s.text) not in outlets]

    def _is_business(self, span: Span, people: set[int]) -> bool:
        text = strip_name(span.text)
        key = name_key(text)
        if not key or key in self.stoplist or key.isdigit() or text.lower() in self.generic \
                or all(t.lower_ in SUFFIXES or t.is_punct for t in span):  # `the Group's target`, `Group Chief`
            return False
        if self._is_place_or_thing(span, text):
            return False
        if not (text[:1].isupper() or text[:1].isdigit() or _camel_case(text)):
            return False  # "cts": names are capitalised
        # newswire brackets only companies' names; a legal suffix overrides the weaker words
        bracketed = _bracketed(span)
        suffixed = bracketed or span[-1].lower_ in SUFFIXES  # `Union Pacific Corp`
        # a state's investment arm is an investor (`Abu Dhabi Investment Authority`), not an agency
        investor = bracketed or any(f" {b} " in f" {text.lower()} " for b in _INVESTING_BODIES)
        for blocked, override in ((self.blockwords, investor), (self.unless_suffixed, suffixed)):
            if not override and any(w.lower() in blocked for w in text.split()):
                return False
        if not suffixed and any(p in f" {text.lower()} " for p in self.products):
            return False  # but `Ironwood Pharmaceuticals Inc` is a company
        if any(len(w) > 3 and name_key(w) in self.outlets for w in text.split()):
            return False  # "Mobile World Live TechCrunch": outlets run together
        if any(t.i in people for t in span) and not any(t.lower_ in SUFFIXES for t in span):
            return False
        return not any(c.isdigit() for c in text) or len(text) > 4

    def _is_place_or_thing(self, span: Span, text: str) -> bool:
        """A place (`Abu Dhabi`, `Riyadh-based`), a site named after the name (`the Halberd Ridge
        campus`), a person with an initial, a slogan in quotes or a title-case technical phrase
        (`Sovereign AI Factory`); a legal suffix or newswire brackets say it is a company."""
        doc = span.doc
        if span[-1].lower_ in SUFFIXES or _bracketed(span):
            return False
        after = doc[span.end:span.end + 2]
        if text in self.places or (len(after) == 2 and after[0].text == "-" and after[1].lower_ == "based"):
            return True
        if len(after) and (after[0].lower_ in self.sites or after.text.lower() in self.sites):
            return True
        if len(span) > 1 and span[-1].lower_ in _FACILITIES:  # `Susquehanna Steam Electric Station`
            return True
        if _INITIALLED.match(text) or _quoted(span) and len(span) > 2:
            return True
        content = [w.lower() for w in text.split() if w.lower() not in {"of", "and", "the", "for", "&"}]
        return all(w in self.technical for w in content)

    def _canonicalise(self, doc: Doc, mentions: list[Span]) -> tuple[list[Span], list[list]]:
        """One canonical name per company: gazetteer name, else the longest stripped name.

        A shorter name that starts exactly one longer name is that company (`Ropak` / `Ropak
        Corp`, `Standard` / `Standard Oil`, `Scott` / `Scott's Hospitality`); an acronym in
        brackets after a name is its alias (`British Petroleum Co PLC <BP.L> (BP)`).
        """
        names = [s.kb_id_ or strip_name(s.text) for s in mentions]
        acronyms = {a: n for s, n in zip(mentions, names) if (a := _bracketed_acronym(s))}
        canonical = {n: acronyms.get(n, n) for n in names}
        for short in list(canonical):
            longer = {c for n, c in canonical.items() if c.startswith((short + " ", short + "'s "))}
            if len(longer) == 1 and short not in self.aliases:
                canonical[short] = longer.pop()
        aliases: dict[str, set[str]] = {}
        for s, n in zip(mentions, names):
            written = " ".join(_POSSESSIVE.sub("", s.text).split()).strip("<>, ")
            aliases.setdefault(canonical[n], set()).update({n, written})
        for acronym, n in acronyms.items():
            aliases[canonical[n]].add(acronym)
        for name in aliases:  # common usage: the gazetteer's other names (Google: Alphabet)
            aliases[name].update(self.aliases.get(name, [])[1:])
        spans = [Span(doc, s.start, s.end, label="COMPANY", kb_id=canonical[n])
                 for s, n in zip(mentions, names)]
        companies = [[name, sorted(a for a in forms if a != name)] for name, forms in aliases.items()]
        return spans, companies


def _cue_spans(doc: Doc, label: str, start: int, end: int) -> list[Span]:
    """The name inside a cue match, without the descriptor, `called`, the ticker or a leading
    `The`; two names where a legal suffix stands before `and` (`Pemberton Corp and Marden
    Industries Inc`)."""
    head, tail = _SKIP[label]
    if label == "appositive":  # the name ends at its comma
        end = next(t.i for t in doc[start:end] if t.text == ",")
    span = doc[_hyphen_start(doc, _unwrap(doc, start + head)):_hyphen_end(doc, end - tail)]
    if label == "descriptor" and span[0].lower_ in _NOT_A_NAME_START:
        return []  # "Group Chairman N Chandrasekaran", "the airline Monday agreed"
    while len(span) > 1 and span[0].lower_ in _LEADING:
        span = span[1:]
    split = next((t.i for t in span[:-1] if doc[t.i + 1].lower_ in {"and", "&"}
                  and (t.lower_ in SUFFIXES or _INITIALLED.match(doc[span.start:t.i + 1].text))), None)
    parts = [span] if split is None else [doc[span.start:split + 1], doc[split + 2:span.end]]
    return [Span(doc, p.start, p.end, label="cue") for p in parts
            if len(p) and not all(t.is_stop or t.lower_ in SUFFIXES or t.is_punct for t in p)]


def _credited(doc: Doc) -> set[int]:
    """The words of a wire's credit line, people's names: `(Reporting by Ana Ruiz in Madrid;
    Editing by Tom Hale and Joe Bell)`."""
    tokens, lower = set(), doc.to_array(LOWER)
    bys = np.flatnonzero(lower[1:] == doc.vocab.strings.add("by")) + 1
    for i in bys.tolist():
        if doc[i - 1].lower_ in _CREDITS:
            for after in doc[i + 1:i + 20]:
                if after.text in {";", ")", "("} or "\n" in after.text:
                    break
                tokens.add(after.i)
    return tokens


def _descriptor(doc: Doc, label: str, start: int, end: int) -> str:
    return doc[start].lower_ if label == "descriptor" else doc[end - 1].lower_


def _hyphen_start(doc: Doc, start: int) -> int:
    """Start of a hyphenated name whose second half a cue matched: `Brandt-Kessler Holdings`."""
    while start >= 2 and doc[start - 1].text in {"-", "–"} and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and (doc[start - 2].is_title or doc[start - 2].is_upper):
        start -= 2
    return start


def _hyphen_end(doc: Doc, end: int) -> int:
    """End of a hyphenated name whose first half a cue matched: `giant Alimentation Couche-Tard`."""
    while end + 1 < len(doc) and doc[end].text in {"-", "–"} and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and (doc[end + 1].is_title or doc[end + 1].is_upper):
        end += 2
    return end


def _cited_as_source(span: Span) -> bool:
    """`the Daily Courier reported on Monday`, `…, The Ledger reported.`, `reported by the Ledger`."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end:span.end + 2]]
    if after[:1] == ["reported"] and (len(after) < 2 or after[1] in _AFTER_REPORTED or doc[span.end + 1].is_punct):
        return True
    return span.start >= 2 and doc[span.start - 2].lower_ in {"reported", "report"} and doc[span.start - 1].lower_ == "by"


def _quoted(span: Span) -> bool:
    doc = span.doc
    return span.start > 0 and span.end < len(doc) and doc[span.start - 1].text in _QUOTES and doc[span.end].text in _QUOTES


def _unwrap(doc: Doc, start: int) -> int:
    """Start of a name that newswire wrapped onto two lines: `Federal Savings and Loan\\nInsurance Corp`."""
    while start >= 2 and doc[start - 1].is_space and doc[start - 1].text.count("\n") == 1 \
            and (doc[start - 2].is_title or doc[start - 2].is_upper):
        start -= 2
        while start >= 1 and (doc[start - 1].is_title or doc[start - 1].lower_ in {"and", "&", "of"}):
            start -= 1
    return start


def _ner_candidates(doc: Doc) -> list[Span]:
    """ORG entities the NER is sure enough of: cut at a possessive, none from headings,
    a lone common-looking word only when tagged ORG twice (`Trump`, `Cupertino` are not)."""
    spans, votes, in_heading = [], {}, _Headings(doc.text)
    for ent in doc.ents:
        # a name ends at a possessive, and never runs on past a line break
        cut = next((t.i for t in ent if t.text in {"'s", "’s"} or "\n" in t.text), ent.end)
        while cut > ent.start and (doc[cut - 1].is_space or doc[cut - 1].text in {",", ";", ":"}):
            cut -= 1
        name = doc[ent.start:cut]
        votes.setdefault(name.text, []).append(ent.label_ == "ORG")
        titled = ent.start > 0 and doc[ent.start - 1].lower_ in _TITLES  # "Chairman N Chandrasekaran"
        if ent.label_ == "ORG" and cut > ent.start and not titled and not in_heading(name):
            spans.append(Span(doc, ent.start, cut, label="ner"))
    # a name the NER mostly calls a place or a person (Loughton: GPE 5 times, ORG 3) is not a
    # company, nor one that describes the next (`Abu Dhabi investor MGX`, `Paris startup Mistral`)
    spans = [s for s in spans if sum(votes[s.text]) * 2 > len(votes[s.text]) and not _describes_next(s)]
    # a lone word must look like a brand (xAI) or be tagged ORG twice; a lone acronym (EC,
    # USDA, FHLBB) is more often an agency than a company, unless a cue or the gazetteer says so
    return [s for s in spans if len(s) > 1 or _camel_case(s.text)
            or (sum(votes[s.text]) > 1 and not s.text.isupper())]


def _describes_next(span: Span) -> bool:
    """`Abu Dhabi investor MGX`: the span is where the company named next is from."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return False
    noun, name = doc[span.end], doc[span.end + 1]
    return noun.lower_ in _PLACE_DESCRIPTORS and (name.is_title or name.is_upper)


def _bracketed(span: Span) -> bool:
    """`<Virginia Federal Savings and Loan Association>`: the newswire's mark of a company."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "<" and span.end < len(doc) and doc[span.end].text == ">"


def _is_ticker(span: Span) -> bool:
    """`(AMD)`, `<BP.L>`, `(NASDAQ:MSFT)`: a ticker after a name is an alias, not a company."""
    before = span.doc[span.start - 1].text if span.start > 0 else ""
    return before in {"(", "<", ":"} and span.text.isupper() and not span.kb_id_


def _by_priority(candidates: list[Span]) -> list[Span]:
    """Non-overlapping mentions: gazetteer over cues over NER, then longer over shorter."""
    rank = {"known": 0, "cue": 1, "ner": 2}
    kept, taken = [], set()
    for s in sorted(candidates, key=lambda s: (rank[s.label_], -len(s), s.start)):
        if not taken.intersection(range(s.start, s.end)):
            kept.append(s)
            taken.update(range(s.start, s.end))
    return sorted(kept)


def _camel_case(text: str) -> bool:
    """`xAI`, `SoftBank`, `CoreWeave`: an inner capital marks a made-up brand name (one word)."""
    return " " not in text and any(c.isupper() for c in text[1:]) and any(c.islower() for c in text)


class _Headings:
    """Whether a span lies on a line in title case (`Industrial and Economic Impact`, `Contact
    Us`), a heading; each line is found by bisection and judged once, so a megabyte on one line
    costs one pass, not one per name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[int, bool] = {}

    def __call__(self, span: Span) -> bool:
        line = bisect.bisect_left(self.breaks, span.start_char)
        if line not in self.lines:
            start = self.breaks[line - 1] + 1 if line else 0
            end = self.breaks[line] if line < len(self.breaks) else None
            # title case leaves short function words small: `Putting the AI Numbers in Perspective`
            words = [w for w in self.text[start:end].split() if w[:1].isalpha() and w not in _FUNCTION_WORDS]
            self.lines[line] = len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        return self.lines[line]


def _bracketed_acronym(span: Span) -> str | None:
    """`BP` in `British Petroleum Co PLC <BP.L> (BP)` or `Advanced Micro Devices (AMD)`."""
    doc, i = span.doc, span.end
    if i + 2 < len(doc) and doc[i].text == "<" and doc[i + 2].text == ">":
        i += 3
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_upper \
            and doc[i + 1].is_alpha and doc[i + 1].text != span.text:
        return doc[i + 1].text
    return None
