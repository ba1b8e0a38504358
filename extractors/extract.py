"""The extraction entry point: articles in, `ArticleFacts` out (work in progress)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from extractors.models import Article, ArticleFacts

EXTRACTOR_VERSION = "0.1.0"


class Extractor:
    """Loads the spaCy pipeline once and extracts facts from many articles."""

    def __init__(self, n_process: int = 1, batch_size: int = 64) -> None:
        self.n_process = n_process
        self.batch_size = batch_size

    def extract(self, article: Article) -> ArticleFacts:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        for a in articles:
            yield ArticleFacts(id=a.id, title=a.title, url=a.url, published=a.published)
