"""Roles that make a name a company: `Zorvex raised $120 million`, `Quillon agreed to acquire
Marrowby`, `a round led by Saltmarsh, with participation from Kestrel Capital, Orinoco Partners
and Halyard Fund`.

The small NER misses short and unfamiliar names, or calls them people or places; what the
sentence says they do settles it. Cues are rows of `data/company_roles.jsonl`: the phrase,
which side holds the name (`before`: the one who does it, `after`: the one it is done to or by,
`both`), `list` when every name of a list after the cue counts (`funds managed by Corrigan
Capital and Vellmar Management` are two), and `figure` when a figure must follow (`raised $40
million`, not `raised concerns`) and `person` when a person's full name must (`Calloway analyst
Peter Brandt`, `Halden CEO Anna Berg`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from extractors.lexicon import jsonl, lexicon, words

MAX_WORDS = 5  # a longer run of capitalised words is a heading or a list of names, not one name
_NOT_FIRST = set(lexicon()["name_leading_words"]) | set(lexicon()["calendar_words"]) | set(lexicon()["job_titles"])
_CURRENCY_SIGNS = set(lexicon()["currency_symbols"])
_SUFFIXES = set(lexicon()["legal_suffixes"])
_NAME_STOP_WORDS = set(lexicon()["name_stop_words"])  # `First Solar CEO Mark Widmar`
_PLACES = words("places.txt")
_BACKERS = {"backed", "led", "owned", "controlled", "based"}
_PARTICLES = {"of", "de", "du", "des", "la", "di", "del", "van", "von", "der"}


class RoleCues:
    """Finds the names that a deal role in `data/company_roles.jsonl` makes companies."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rows = {row["cue"]: row for row in jsonl("company_roles.jsonl")}
        for cue in self.rows:
            self.matcher.add(cue, [nlp.make_doc(cue)])

    def __call__(self, doc: Doc) -> list[Span]:
        spans = self._candidates(doc)
        # `led by Japanese banks`, `backed by Democrats`: a nationality or group is no company
        groups = {t.i for e in doc.ents if e.label_ == "NORP" for t in e}
        return [s for s in spans if not groups.intersection(range(s.start, s.end))]

    def _candidates(self, doc: Doc) -> list[Span]:
        spans, persons = [], {e.start for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        for match, start, end in self.matcher(doc):
            row = self.rows[doc.vocab.strings[match]]
            if row.get("figure") and not _figure_at(doc, end) or row.get("person") and end not in persons:
                continue
            if row["name"] == "after" and _capitalised(doc[start:end]):
                continue  # `SoftBank Agrees to Buy Major Chip Firm`: in a heading, capitals say nothing
            if row["name"] in {"before", "both"} and (begin := _name_before(doc, start)) < start:
                spans.append(Span(doc, begin, start, label="cue"))
            if row["name"] in {"after", "both"}:
                spans += _names_after(doc, end, row.get("list", False))
        return spans


def _capitalised(cue: Span) -> bool:
    """`Agrees to Buy`, `To Buy`: a cue written in title case, as in a heading (a sentence's
    first word aside: `Shares of`)."""
    return any(t.is_title for t in cue[1:] if t.is_alpha) or cue[0].is_title and not cue[0].is_sent_start


def _word(tok: Token) -> bool:
    """A word of a name: capitalised (`Kestrel`, `SK`), or a hyphen or `&` inside one (`Brandt-Kessler`)."""
    if tok.is_alpha:
        return tok.is_title or tok.is_upper or (tok.text[:1].isupper() and any(c.islower() for c in tok.text))
    return tok.text in {"-", "&"} and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _figure_at(doc: Doc, i: int) -> bool:
    """`$120 million`, `120 mln dlrs`, `about $5 million`: a figure follows."""
    for tok in doc[i:i + 3]:
        if tok.like_num or tok.text in _CURRENCY_SIGNS:
            return True
    return False


def _name_before(doc: Doc, end: int) -> int:
    """Start of the name that ends at `end` (`end` when there is none): capitalised words in
    the same sentence, without a sentence opener (`Separately`, `On Tuesday`)."""
    start = end
    while start > doc[end - 1].sent.start and end - start < MAX_WORDS and _word(doc[start - 1]):
        start -= 1
    while start < end and (doc[start].lower_ in _NOT_FIRST or not doc[start].is_alpha
                           or doc[start].is_stop and doc[start].lower_ not in _NAME_STOP_WORDS):
        start += 1
    return start


def _names_after(doc: Doc, start: int, many: bool) -> list[Span]:
    """The name at `start` (after `the`), and with `many` the others of a list it opens,
    separated by `,`, `and` or `, and`: `Kestrel Capital, Orinoco Partners and Halyard Fund`."""
    names, i, limit = [], start, doc[start - 1].sent.end
    while i < limit:
        i += doc[i].lower_ == "the"
        if i >= limit:
            break
        if names and doc[i].lower_ in _SUFFIXES:
            # `Goldman, Sachs and Co`: a lone suffix ends one legal name, not a list
            return [Span(doc, names[0].start, i + 1, label="cue")]
        end, words = i, 0
        while end < limit and words < MAX_WORDS and (_word(doc[end]) or _inner_of(doc, end, i)
                                                     or end == i and _numbered(doc, end)):
            words += doc[end].text not in {"-", "&"}  # `Total-Cie Francaise des Petroles` is four words
            end += 1
        while end > i and (not doc[end - 1].is_alpha or doc[end - 1].lower_ in _PARTICLES):
            end -= 1
        if end > i and (following := _next_name(doc, i, end)):
            i = following
            continue
        if end == i or doc[i].lower_ in _NOT_FIRST:
            break
        names.append(Span(doc, i, end, label="cue"))
        if not many:
            break
        i = end + (end < limit and doc[end].text == ",")
        if i < limit and doc[i].lower_ == "and":
            i += 1
        if i == end:
            break
    return names


def _next_name(doc: Doc, start: int, end: int) -> int | None:
    """Where the company starts when the words name its place or its backer (`Saudi Arabia's
    Public Investment Fund`, `Donald Trump Jr.-backed 1789 Capital`)."""
    if end + 1 < len(doc) and doc[end].text in {"'s", "’s"} and doc[start:end].text in _PLACES:
        return end + 1
    return modifier_end(doc, end)


def modifier_end(doc: Doc, i: int) -> int | None:
    """The end of `-backed`, `Jr.-led` or `-based` at `i`: the words before them describe the
    company named after them."""
    j = i
    while j < len(doc) and j - i < 3:
        tok = doc[j]
        if "-" in tok.text and tok.text != "-" and tok.lower_.rsplit("-", 1)[1] in _BACKERS:
            return j + 1
        if j > i and doc[j - 1].text == "-" and tok.lower_ in _BACKERS:
            return j + 1
        if tok.whitespace_:
            break
        j += 1
    return None


def _numbered(doc: Doc, i: int) -> bool:
    """`1789 Capital`, `3i Group`: a name may open with digits when a capitalised word follows."""
    return (doc[i].is_digit or doc[i].text[:1].isdigit() and doc[i].text.isalnum()) and i + 1 < len(doc) \
        and doc[i + 1].is_title


def _inner_of(doc: Doc, i: int, start: int) -> bool:
    """`of` inside a name (`Bank of Kesteven`, `Banque Nationale de Paris`), between capitalised words."""
    return doc[i].lower_ in _PARTICLES and i > start and i + 1 < len(doc) and _word(doc[i + 1])
