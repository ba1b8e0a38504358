"""The extraction entry point: articles in, `ArticleFacts` out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from extractors.chips import chip_key
from extractors.facts import fact_spans
from extractors.models import Article, ArticleFacts, Company, Deal, Fact
from extractors.nlp import build_nlp
from extractors.references import Mentions, references, resolve
from extractors.sentences import normalise

# bump when a rule or data file changes what is extracted: the pipeline re-extracts on change
EXTRACTOR_VERSION = "0.13.0"
BATCH_SIZE = 64  # articles per spaCy batch, and per chunk sent to a worker


class Extractor:
    """Loads the spaCy pipeline once and extracts facts from many articles."""

    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        self.nlp = build_nlp()
        self.batch_size = batch_size

    def extract(self, article: Article) -> ArticleFacts:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        pairs = ((normalise(a.text), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield to_record(doc, article)


def sentence_companies(span: Span, mentions: Mentions) -> list[str]:
    """Companies named in the fact's sentence; in `The company plans to invest…`, the company
    the reference means (`references.resolve`)."""
    sent = span.sent
    named = [m.kb_id_ for m in mentions.within(sent)]
    if named:
        return named
    refs = references(sent)
    subject = resolve(refs[0], sent, mentions) if refs else None
    return [subject] if subject else []


def figure_key(span: Span) -> tuple:
    """What makes two mentions the same figure: kind, currency, rate period, chip and the
    figure to 4 digits (50,000 H100s and 50,000 MI300Xs are two facts)."""
    def r(x):
        return None if x is None else float(f"{x:.4g}")
    return (span.label_, span._.currency, span._.per, chip_key(span._.chip),
            r(span._.value), r(span._.low), r(span._.high))


def first_mentions(spans: list[Span]) -> tuple[list[Span], list[int]]:
    """A figure stated several times is one fact, its first mention (a headline counts):
    the kept spans and, for every span, the index of the fact it became."""
    kept, index, where = [], {}, []
    for span in spans:
        key = figure_key(span)
        if key not in index:
            index[key] = len(kept)
            kept.append(span)
        where.append(index[key])
    return kept, where


def to_record(doc: Doc, article: Article) -> ArticleFacts:
    """Turn an annotated doc into the Pydantic record `dealfacts extract` prints."""
    spans, where = first_mentions(fact_spans(doc))
    deals = [Deal(type=d["type"], status=d["status"], parties=d["parties"], facts=sorted({where[i] for i in d["facts"]}),
                  text=article.text[d["start"]:d["end"]], start=d["start"], end=d["end"]) for d in doc._.deals]
    mentions = Mentions(doc.spans.get("companies", []))
    facts = []
    for i, span in enumerate(spans):
        in_deals = [p for d in deals if i in d.facts for p in d.names]
        # the doc read wrapped lines and Unicode spaces as plain: text and sentence are as written
        sentence = article.text[span[0].sent.start_char:span[-1].sent.end_char].strip()
        facts.append(Fact(
            kind=span.label_, value=span._.value, low=span._.low, high=span._.high,
            qualifier=span._.qualifier, currency=span._.currency, per=span._.per,
            chip=span._.chip, vendor=span._.vendor, measure=span._.measure,
            companies=list(dict.fromkeys(in_deals or sentence_companies(span, mentions))),
            text=article.text[span.start_char:span.end_char], start=span.start_char, end=span.end_char,
            sentence=sentence,
        ))
    return ArticleFacts(
        id=article.id, title=article.title, url=article.url, published=article.published, published_at=article.published_at,
        companies=[Company(name=name, aliases=aliases) for name, aliases in doc._.companies],
        facts=facts, deals=deals,
    )
