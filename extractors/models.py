"""Pydantic records: the contract between the extractor, the CLI, the pipeline and the warehouse."""
from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from extractors.dates import read_published

Kind = Literal["money", "power", "chips"]
Qualifier = Literal["exact", "approx", "up_to", "more_than", "less_than", "range", "magnitude"]
Measure = Literal["deal_value", "price_per_share", "valuation", "revenue", "capex", "fee", "capacity", "count", "other"]


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

    @computed_field(description="`published` as a UTC timestamp without zone; null if absent or unreadable")
    @property
    def published_at(self) -> datetime | None:
        return read_published(self.published)[0]

    @computed_field(description="why `published` gives no timestamp (`not a date`, `no day`…); null if it does")
    @property
    def date_problem(self) -> str | None:
        return read_published(self.published)[1]


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
    measure: Measure = Field("other", description=(
        "what the figure is of: deal_value (a deal, investment, loan or contract as a whole), price_per_share, "
        "valuation (what a company is worth), revenue (sales, profit, earnings, losses), capex (a company's own "
        "spending plans), fee (a payment per period, a fee, a rent), capacity (power), count (chips), other; "
        "only deal_value, capacity and count add up"))
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


DealType = Literal["acquisition", "investment", "financing", "supply", "compute", "power", "partnership",
                   "joint_venture", "other"]
Status = Literal["proposed", "agreed", "completed", "terminated"]
STATUSES: tuple[str, ...] = get_args(Status)
Role = Literal["buyer", "target", "seller", "investor", "investee", "lender", "borrower", "supplier", "customer",
               "partner", "adviser"]
ROLES: dict[str, frozenset[str]] = {
    "acquisition": frozenset({"buyer", "target", "seller"}), "investment": frozenset({"investor", "investee", "seller"}),
    "financing": frozenset({"lender", "borrower"}), "supply": frozenset({"supplier", "customer"}),
    "compute": frozenset({"supplier", "customer"}), "power": frozenset({"supplier", "customer"}),
    "partnership": frozenset({"partner"}), "joint_venture": frozenset({"partner"}), "other": frozenset({"partner"}),
}


class Party(BaseModel):
    """A company in a deal and the part it plays (the roles allowed depend on the deal's type)."""

    name: str
    role: Role


class Deal(BaseModel):
    """An agreement between companies: its type, status, parties with roles, the indexes of the
    facts that belong to it, and the clause that states it (`text == article_text[start:end]`)."""

    type: DealType
    status: Status
    parties: list[Party] = Field(min_length=2)
    facts: list[int] = []
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _roles_fit_the_type(self) -> Deal:
        for p in self.parties:
            if p.role != "adviser" and p.role not in ROLES[self.type]:
                raise ValueError(f"a {self.type} has no {p.role} ({p.name})")
        if self.end < self.start:
            raise ValueError("end must not precede start")
        return self

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.parties]


class ArticleFacts(BaseModel):
    """Everything extracted from one article: what `dealfacts extract` prints per line."""

    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_at: datetime | None = Field(None, description="`published` as a UTC timestamp without zone")
    companies: list[Company] = []
    facts: list[Fact] = []
    deals: list[Deal] = []
