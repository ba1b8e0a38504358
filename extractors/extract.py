"""The extraction entry point: articles in, `ArticleFacts` out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from extractors.facts import FACTS_KEY
from extractors.models import Article, ArticleFacts, Company, Deal, Fact
from extractors.nlp import build_nlp

# bump when a rule or data file changes what is extracted: the pipeline re-extracts on change
EXTRACTOR_VERSION = "0.3.0"


class Extractor:
    """Loads the spaCy pipeline once and extracts facts from many articles."""

    def __init__(self, n_process: int = 1, batch_size: int = 64) -> None:
        self.nlp = build_nlp()
        self.n_process = n_process
        self.batch_size = batch_size

    def extract(self, article: Article) -> ArticleFacts:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size,
                                          n_process=self.n_process):
            yield to_record(doc, article)


ANAPHORS = {"company", "firm", "startup", "group", "it", "its"}


def sentence_companies(span, mentions) -> list[str]:
    """Companies named in the fact's sentence; in `The company plans to invest…`, the first
    company of the last sentence that named one (usually its subject)."""
    sent = span.sent
    named = [m.kb_id_ for m in mentions if sent.start <= m.start < sent.end]
    if named or not any(t.lower_ in ANAPHORS for t in sent):
        return named
    before = [m for m in mentions if m.start < sent.start]
    if not before:
        return []
    previous = before[-1].sent  # the subject of the last sentence that named a company
    return [next(m.kb_id_ for m in before if m.start >= previous.start)]


def to_record(doc: Doc, article: Article) -> ArticleFacts:
    """Turn an annotated doc into the Pydantic record `dealfacts extract` prints."""
    spans = sorted(doc.spans[FACTS_KEY] if FACTS_KEY in doc.spans else [], key=lambda s: s.start)
    deals = [Deal(parties=parties, facts=facts) for parties, facts in doc._.deals]
    mentions = list(doc.spans.get("companies", []))
    facts = []
    for i, span in enumerate(spans):
        in_deals = [p for d in deals if i in d.facts for p in d.parties]
        facts.append(Fact(
            kind=span.label_, value=span._.value, low=span._.low, high=span._.high,
            qualifier=span._.qualifier, currency=span._.currency, per=span._.per,
            chip=span._.chip, vendor=span._.vendor,
            companies=list(dict.fromkeys(in_deals or sentence_companies(span, mentions))),
            text=span.text, start=span.start_char, end=span.end_char, sentence=span.sent.text.strip(),
        ))
    return ArticleFacts(
        id=article.id, title=article.title, url=article.url, published=article.published,
        companies=[Company(name=name, aliases=aliases) for name, aliases in doc._.companies],
        facts=facts, deals=deals,
    )
