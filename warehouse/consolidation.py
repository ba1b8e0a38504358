"""One deal, many articles: the article deals (mentions) that report one real-world deal become
one `deals` row, linked to them by `deal_mentions`.

Two mentions may report the same deal when they have the same type; the companies of one
(advisers aside) are all among the other's, and two of them at least; no company plays two
different roles; their deal values in one currency are within a factor of two (a revised or
rounded price is kept and flagged, a different deal is not); and they were published within
`WINDOW` of each other: two years, as long as a large acquisition takes from talks to completion.

Mentions are taken in order of publication, undated ones last. Each joins the compatible deal
reported most recently, except a deal already stated by its own article (an article's deals are
distinct: the extractor merges what one article says twice) and a deal that had reached a later
stage more than `SETTLED` before it: talks reported after an agreement, or an agreement after a
completion, are a new bid or a new round, hence a new deal.

The assignment of a mention depends only on the mentions it is linked to through that relation
(its block), so adding, changing or removing mentions re-consolidates only the blocks they touch,
and the result is the one consolidating the whole warehouse from scratch gives.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import duckdb

from extractors.companies import company_id
from warehouse.connection import insert_many, transaction

WINDOW = timedelta(days=730)
SETTLED = timedelta(days=30)
CONTRADICTS = 2.0  # deal values further apart than this factor are different deals
_STAGE = {"proposed": 0, "agreed": 1, "completed": 2, "terminated": 2}
_ADDITIVE = ("deal_value", "capacity", "count")  # the measures whose disagreement contradicts
# Parties are listed acting side first: "Maple (buyer), Birch (target)".
_ROLE_ORDER = ("buyer", "investor", "lender", "supplier", "partner", "target", "investee", "borrower", "customer",
               "seller", "adviser")


@dataclass(frozen=True)
class Figure:
    kind: str
    measure: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    currency: str | None
    per: str | None

    @property
    def point(self) -> float | None:
        return self.value if self.value is not None else self.high


@dataclass(frozen=True)
class Party:
    company_id: str
    name: str
    role: str


@dataclass(frozen=True)
class Mention:
    """A deal as one article states it."""

    article_id: str
    deal_index: int
    type: str
    status: str
    published: datetime | None
    parties: tuple[Party, ...]
    figures: tuple[Figure, ...]
    roles: dict[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        roles = {p.company_id: p.role for p in self.parties if p.role != "adviser"}
        object.__setattr__(self, "roles", roles)

    @property
    def key(self) -> tuple[str, int]:
        return self.article_id, self.deal_index

    @property
    def order(self) -> tuple:
        return self.published is None, self.published or datetime.min, self.article_id, self.deal_index

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(repr((self.type, self.status, self.published, sorted(self.parties, key=repr),
                                    sorted(self.figures, key=repr))).encode()).hexdigest()[:32]


def compatible(a: Mention, b: Mention) -> bool:
    """May `a` and `b` report the same deal (see the module's docstring)?"""
    if a.type != b.type or len(a.roles) < 2 or len(b.roles) < 2:
        return False
    common = a.roles.keys() & b.roles.keys()
    if len(common) < min(len(a.roles), len(b.roles)) or any(a.roles[c] != b.roles[c] for c in common):
        return False
    if a.published and b.published and abs(a.published - b.published) > WINDOW:
        return False
    return not _contradict(a.figures, b.figures)


def _contradict(a: Iterable[Figure], b: Iterable[Figure]) -> bool:
    def totals(figures: Iterable[Figure]) -> dict[tuple, float]:
        return {(f.kind, f.measure, f.currency, f.per): f.point for f in figures
                if f.measure in _ADDITIVE and f.point}
    mine, theirs = totals(a), totals(b)
    return any(max(v, theirs[k]) > CONTRADICTS * min(v, theirs[k]) for k, v in mine.items() if k in theirs)


def deal_id(first: Mention) -> str:
    """A deal's id, from its first report: stable while that report stands."""
    return hashlib.sha256(f"{first.article_id}\0{first.deal_index}".encode()).hexdigest()[:16]


def assign(mentions: Iterable[Mention]) -> dict[tuple[str, int], str]:
    """The deal id of each mention, consolidating `mentions` among themselves."""
    deals: dict[str, list[Mention]] = {}
    by_company: dict[str, set[str]] = defaultdict(set)
    assigned = {}
    for m in sorted(mentions, key=lambda m: m.order):
        candidates = {d for c in m.roles for d in by_company[c]}
        fits = [d for d in sorted(candidates) if _may_join(deals[d], m)]
        if fits:
            chosen = max(fits, key=lambda d: (not _behind(deals[d], m, timedelta(0)), _last(deals[d]), d))
        else:
            chosen = deal_id(m)
            deals[chosen] = []
        deals[chosen].append(m)
        for c in m.roles:
            by_company[c].add(chosen)
        assigned[m.key] = chosen
    return assigned


def _last(mentions: list[Mention]) -> datetime:
    return max((m.published for m in mentions if m.published), default=datetime.min)


def _may_join(deal: list[Mention], m: Mention) -> bool:
    return (all(o.article_id != m.article_id for o in deal) and not _behind(deal, m, SETTLED)
            and any(compatible(m, o) for o in deal))


def _behind(deal: list[Mention], m: Mention, by: timedelta) -> bool:
    """Does `m` report an earlier stage than `deal` had reached more than `by` before it?"""
    return m.published is not None and any(
        o.published and _STAGE[o.status] > _STAGE[m.status] and m.published - o.published > by for o in deal)


def block(seeds: Iterable[Mention], mentions: list[Mention]) -> list[Mention]:
    """`seeds` and every mention linked to them, directly or not, by `compatible`."""
    by_company: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        for c in m.roles:
            by_company[c].append(m)
    found = {m.key: m for m in seeds}
    todo = list(found.values())
    while todo:
        m = todo.pop()
        for c in m.roles:
            for other in by_company[c]:
                if other.key not in found and compatible(m, other):
                    found[other.key] = other
                    todo.append(other)
    return sorted(found.values(), key=lambda m: m.order)


_MENTIONS = """
    SELECT d.article_id, d.deal_index, d.type, d.status, a.published_at,
           (SELECT list((coalesce(p.company_id, ''), p.party, p.role) ORDER BY p.party)
            FROM article_deal_parties p WHERE p.article_id = d.article_id AND p.deal_index = d.deal_index),
           (SELECT list((f.kind, f.measure, f.value, f.low, f.high, f.qualifier, f.currency, f.per)
                        ORDER BY f.fact_index)
            FROM facts f WHERE f.article_id = d.article_id AND list_contains(d.fact_indexes, f.fact_index))
    FROM article_deals d JOIN articles a USING (article_id)"""


def identities(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Company ids that are another company's alias in some article, and only one company's:
    `acacia`, where one article says "Acacia Communications (Acacia)" and another "Acacia"."""
    owners: dict[str, set[str]] = defaultdict(set)
    for owner, alias in con.execute("SELECT company_id, alias FROM company_aliases").fetchall():
        if company_id(alias) != owner:
            owners[company_id(alias)].add(owner)
    return {alias: next(iter(ids)) for alias, ids in owners.items() if len(ids) == 1}


def mentions(con: duckdb.DuckDBPyConnection) -> list[Mention]:
    """Every stored article deal, as consolidation sees it: its parties by the company they are
    (`identities`), whatever short name the article used."""
    same = identities(con)
    names = dict(con.execute("SELECT company_id, name FROM companies").fetchall())

    def party(cid: str, name: str, role: str) -> Party:
        cid = same.get(cid or company_id(name), cid or company_id(name))
        return Party(cid, names.get(cid, name), role)  # the name most articles use: a new one re-consolidates

    return [Mention(article_id, index, type_, status, published, tuple(party(*p) for p in parties or []),
                    tuple(Figure(*f) for f in figures or []))
            for article_id, index, type_, status, published, parties, figures in con.execute(_MENTIONS).fetchall()]


@dataclass(frozen=True)
class Consolidation:
    """What one consolidation changed."""

    mentions: int          # mentions consolidated again (new, changed, or in a block they touched)
    removed: int           # mentions gone since the last consolidation
    deals_written: int
    deals_deleted: int


def consolidate(con: duckdb.DuckDBPyConnection, from_scratch: bool = False) -> Consolidation:
    """Bring `deals`, `deal_mentions` and `deal_figures` in line with the stored article deals,
    re-consolidating only the blocks of mentions that are new, changed or gone (all of them
    `from_scratch`), in one transaction."""
    current = mentions(con)
    stored = {(a, i): (d, f) for a, i, d, f in
              con.execute("SELECT article_id, deal_index, deal_id, fingerprint FROM deal_mentions").fetchall()}
    by_key = {m.key: m for m in current}
    removed = stored.keys() - by_key.keys()
    existing = {d for (d,) in con.execute("SELECT deal_id FROM deals").fetchall()}
    orphans = existing - {d for d, _ in stored.values()}  # deals whose mentions were deleted by hand
    if from_scratch:
        touched = current
    else:  # a mention is new, says something else, or points at a deal that was deleted
        changed = [m for m in current if stored.get(m.key, (None, None))[1] != m.fingerprint
                   or stored[m.key][0] not in existing]
        old_deals = {stored[k][0] for k in removed} | {stored[m.key][0] for m in changed if m.key in stored}
        mates = [m for m in current if m.key in stored and stored[m.key][0] in old_deals]
        touched = block(changed + mates, current) if changed or removed else []
    assignment = assign(touched)
    gone = orphans | {stored[k][0] for k in removed} | {stored[m.key][0] for m in touched if m.key in stored}
    if from_scratch:
        gone = existing | {d for d, _ in stored.values()}
    with transaction(con):
        for table in ("deals", "deal_figures"):
            con.execute(f"DELETE FROM {table} WHERE deal_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(gone)])
        relinked = sorted(removed | assignment.keys())
        con.execute("DELETE FROM deal_mentions WHERE (article_id, deal_index) IN "
                    "(SELECT (unnest(?::VARCHAR[]), unnest(?::INTEGER[])))",
                    [[a for a, _ in relinked], [i for _, i in relinked]])
        _write(con, assignment, by_key)
    return Consolidation(len(touched), len(removed), len(set(assignment.values())), len(gone))


def _write(con: duckdb.DuckDBPyConnection, assignment: dict[tuple[str, int], str],
           by_key: dict[tuple[str, int], Mention]) -> None:
    members: dict[str, list[Mention]] = defaultdict(list)
    for key, deal in assignment.items():
        members[deal].append(by_key[key])
    insert_many(con, "deal_mentions", ("article_id", "deal_index", "deal_id", "fingerprint"),
                [(*key, deal, by_key[key].fingerprint) for key, deal in sorted(assignment.items())])
    deal_rows, figure_rows = [], []
    for deal, group in sorted(members.items()):
        figures = _figures(deal, group)
        deal_rows.append((deal, group[0].type, status(group), _parties(group),
                          min((m.published for m in group if m.published), default=None),
                          max((m.published for m in group if m.published), default=None),
                          len({m.article_id for m in group}), len(group), any(f[-1] for f in figures)))
        figure_rows += figures
    insert_many(con, "deals", ("deal_id", "type", "status", "parties", "first_reported", "last_reported",
                               "articles", "mentions", "figures_disagree"), deal_rows)
    insert_many(con, "deal_figures", ("deal_id", "kind", "measure", "value", "low", "high", "qualifier",
                                      "currency", "per", "articles", "disagrees"), figure_rows)


def status(group: list[Mention]) -> str:
    """Terminated if the latest report says so, else the furthest stage any report gives."""
    dated = [m for m in group if m.published] or group
    if max(dated, key=lambda m: m.order).status == "terminated":
        return "terminated"
    return max((m.status for m in group if m.status != "terminated"), key=_STAGE.get, default="terminated")


def _parties(group: list[Mention]) -> list[dict]:
    roles: dict[str, Counter] = defaultdict(Counter)
    named: dict[str, str] = {}
    for m in group:
        for p in m.parties:
            roles[p.company_id][p.role] += 1
            named.setdefault(p.company_id, p.name)
    parties = [{"company_id": c, "company": named[c], "role": min(counts, key=lambda r: (-counts[r], r))}
               for c, counts in roles.items()]
    return sorted(parties, key=lambda p: (_ROLE_ORDER.index(p["role"]), p["company"], p["company_id"]))


def _figures(deal: str, group: list[Mention]) -> list[tuple]:
    """Each distinct figure of the deal with the articles stating it, and whether another
    figure of the same kind, measure, currency and period differs from it."""
    sources: dict[Figure, set[str]] = defaultdict(set)
    for m in group:
        for f in m.figures:
            sources[f].add(m.article_id)
    variants: dict[tuple, set[tuple]] = defaultdict(set)
    for f in sources:
        variants[f.kind, f.measure, f.currency, f.per].add((f.value, f.low, f.high))
    return [(deal, f.kind, f.measure, f.value, f.low, f.high, f.qualifier, f.currency, f.per,
             sorted(articles), len(variants[f.kind, f.measure, f.currency, f.per]) > 1)
            for f, articles in sorted(sources.items(), key=lambda item: repr(item[0]))]


def differences_from_scratch(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, str, str]]:
    """Mentions whose stored deal differs from the one consolidating every mention afresh gives:
    (article_id, deal_index, stored deal, deal from scratch)."""
    stored = {(a, i): d for a, i, d in con.execute("SELECT article_id, deal_index, deal_id FROM deal_mentions").fetchall()}
    fresh = assign(mentions(con))
    return sorted((*key, stored.get(key), deal) for key, deal in fresh.items() if stored.get(key) != deal)
