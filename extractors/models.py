"""Pydantic records: the contract between the extractor, the CLI, the pipeline and the warehouse."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["money", "power", "chips"]
Qualifier = Literal["exact", "approx", "up_to", "more_than", "less_than", "range", "magnitude"]


class Article(BaseModel):
    """One news article as read from the corpus, before extraction."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    path: str | None = Field(None, description="file the article came from")
    line: int | None = Field(None, description="line of that file, for a JSONL article")
    encoding: str | None = Field(None, description="text encoding the file was decoded with")


class Rejection(BaseModel):
    """A file (or one line of a JSONL file) that could not be read as an article, and why."""

    path: str
    line: int | None = None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class Company(BaseModel):
    """A business named in an article: canonical name first, then the other names it goes by."""

    name: str
    aliases: list[str] = []


class Fact(BaseModel):
    """One stated figure: an amount of money, a power capacity or a count of chips."""

    kind: Kind
    value: float | None = Field(None, description="the figure; null for ranges and magnitudes")
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    currency: str | None = Field(None, description="ISO 4217 code, money only")
    per: str | None = Field(None, description="period or unit of a rate: year, month, share…")
    chip: str | None = Field(None, description="chip type as written, chips only")
    vendor: str | None = Field(None, description="chip maker, chips only")
    companies: list[str] = Field([], description="canonical names of the companies it concerns")
    text: str = Field(description="the article's text at [start, end)")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: str

    @model_validator(mode="after")
    def _figure_is_consistent(self) -> Fact:
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("a fact needs a value or both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not exceed high")
        if self.end < self.start:
            raise ValueError("end must not precede start")
        return self


class Deal(BaseModel):
    """An agreement between companies and the indexes of the facts that belong to it."""

    parties: list[str] = Field(min_length=2)
    facts: list[int] = []


class ArticleFacts(BaseModel):
    """Everything extracted from one article: what `dealfacts extract` prints per line."""

    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    companies: list[Company] = []
    facts: list[Fact] = []
    deals: list[Deal] = []
