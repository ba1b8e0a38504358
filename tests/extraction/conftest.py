"""One extraction pipeline for all extractor tests: loading spaCy costs seconds."""
from __future__ import annotations

import pytest

from extractors.extract import Extractor
from extractors.models import Article, ArticleFacts


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """Extract one text, as `dealfacts extract` would, and check every fact is grounded."""
    def run(text: str) -> ArticleFacts:
        result = extractor.extract(Article(id="t", text=text))
        for fact in result.facts:
            assert text[fact.start:fact.end] == fact.text
            assert fact.text in text and fact.sentence
        return result
    return run


@pytest.fixture(scope="session")
def facts(extract):
    """The facts of one kind in a text."""
    def run(text: str, kind: str):
        return [f for f in extract(text).facts if f.kind == kind]
    return run
