"""Storing what the extractor found: facts, companies and deals, replaced article by article.

`extractions` remembers which content hash and extractor version each article's rows come
from, so only articles that are new, changed or extracted by an older version are redone.
Each batch is one transaction: an error keeps every earlier batch and leaves the failed
batch's articles as they were, to be redone by the next run.
"""
from __future__ import annotations

from collections.abc import Iterable

import duckdb

from extractors.companies import company_id
from extractors.models import Article, ArticleFacts
from warehouse.connection import delete_articles, insert_many, transaction

# Every table holding rows derived from one article by the extractor.
_PER_ARTICLE = ("facts", "article_deals", "article_deal_parties", "article_companies", "extractions")

# The columns `_rows` fills, per table.
_COLUMNS = {
    "article_companies": ("article_id", "company_id", "name", "aliases"),
    "facts": ("article_id", "fact_index", "kind", "value", "low", "high", "qualifier", "currency", "per", "chip",
              "vendor", "companies", "text", "start_offset", "end_offset", "sentence", "extractor_version", "measure"),
    "article_deals": ("article_id", "deal_index", "fact_indexes", "type", "status", "text", "start_offset",
                      "end_offset", "extractor_version"),
    "article_deal_parties": ("article_id", "deal_index", "party", "role", "company_id"),
}


# Per extraction, the facts and deals it stored and those there now: rows deleted (or added)
# behind the pipeline's back make the two differ.
STORED_COUNTS = """
    SELECT e.article_id, e.n_facts, e.n_deals,
           (SELECT count(*) FROM facts f WHERE f.article_id = e.article_id) AS facts,
           (SELECT count(*) FROM article_deals d WHERE d.article_id = e.article_id) AS deals
    FROM extractions e"""


def articles_to_extract(con: duckdb.DuckDBPyConnection, extractor_version: str) -> dict[str, Article]:
    """Stored articles never extracted, changed since, extracted by another version, or whose
    facts or deals are no longer all there, keyed by content hash."""
    rows = con.execute(
        f"""
        SELECT a.content_hash, a.article_id, a.text, a.title, a.url, a.published, a.source, a.path, a.encoding
        FROM articles a LEFT JOIN extractions e USING (article_id)
        LEFT JOIN ({STORED_COUNTS}) n USING (article_id)
        WHERE e.article_id IS NULL OR e.content_hash <> a.content_hash OR e.extractor_version <> ?
              OR n.facts <> n.n_facts OR n.deals <> n.n_deals
        ORDER BY a.article_id
        """,
        [extractor_version],
    ).fetchall()
    keys = ("id", "text", "title", "url", "published", "source", "path", "encoding")
    return {row[0]: Article(**dict(zip(keys, row[1:]))) for row in rows}


def remove_vanished(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Delete the extracted rows of articles no longer stored; return their ids."""
    gone = [row[0] for row in con.execute(
        "SELECT article_id FROM extractions WHERE article_id NOT IN (SELECT article_id FROM articles) "
        "ORDER BY article_id"
    ).fetchall()]
    if gone:
        with transaction(con):
            touched = _companies_of(con, gone)
            for table in _PER_ARTICLE:
                delete_articles(con, table, gone)
            _tidy_companies(con, touched)
    return gone


def store_batch(con: duckdb.DuckDBPyConnection, results: Iterable[ArticleFacts],
                content_hashes: dict[str, str], extractor_version: str) -> None:
    """Replace the extracted rows of these articles with `results`, in one transaction.

    `content_hashes` maps each article id to the hash of the text it was extracted from.
    """
    results = list(results)
    ids = [r.id for r in results]
    rows = _rows(results, extractor_version)
    with transaction(con):
        touched = _companies_of(con, ids) | {row[1] for row in rows["article_companies"]}
        for table in _PER_ARTICLE:
            delete_articles(con, table, ids)
        for table, table_rows in rows.items():
            insert_many(con, table, _COLUMNS[table], table_rows)
        insert_many(
            con, "extractions",
            ("article_id", "content_hash", "extractor_version", "n_facts", "n_deals", "extracted_at"),
            [(r.id, content_hashes[r.id], extractor_version, len(r.facts), len(r.deals)) for r in results],
            extra=", current_timestamp",
        )
        _tidy_companies(con, touched)


def _rows(results: list[ArticleFacts], version: str) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {table: [] for table in _COLUMNS}
    for r in results:
        aliases: dict[str, set[str]] = {}
        for c in r.companies:  # an article may list a company twice; merge its aliases
            aliases.setdefault(c.name, set()).update(a for a in c.aliases if a != c.name)
        ids: dict[str, tuple[str, set[str]]] = {}  # two canonical names with one id are one company
        for name, names in aliases.items():
            first, others = ids.setdefault(company_id(name), (name, set()))
            others.update(names | ({name} - {first}))
        rows["article_companies"] += [(r.id, cid, name, sorted(a)) for cid, (name, a) in ids.items()]
        rows["facts"] += [
            (r.id, i, f.kind, f.value, f.low, f.high, f.qualifier, f.currency, f.per, f.chip,
             f.vendor, f.companies, f.text, f.start, f.end, f.sentence, version, f.measure)
            for i, f in enumerate(r.facts)
        ]
        canonical = {name.casefold(): name for name in aliases}
        canonical.update({alias.casefold(): name for name, names in aliases.items() for alias in names})
        for d, deal in enumerate(r.deals):
            rows["article_deals"].append(
                (r.id, d, deal.facts, deal.type, deal.status, deal.text, deal.start, deal.end, version))
            for party in {p.name: p for p in deal.parties}.values():
                company = canonical.get(party.name.casefold())
                rows["article_deal_parties"].append((r.id, d, party.name, party.role, company and company_id(company)))
    return rows


def _companies_of(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """The ids of the companies these articles name now."""
    return {row[0] for row in con.execute(
        "SELECT DISTINCT company_id FROM article_companies WHERE article_id IN (SELECT unnest(?))",
        [article_ids]).fetchall()}


def _tidy_companies(con: duckdb.DuckDBPyConnection, company_ids: set[str]) -> None:
    """For these companies (those a batch touched: rewriting every company per batch made
    storing quadratic in the warehouse's size), the name most articles use; none if no stored
    article names it any more; and the aliases of those left."""
    ids = [sorted(company_ids)]
    con.execute("DELETE FROM companies WHERE company_id IN (SELECT unnest(?))", ids)
    con.execute("""
        INSERT INTO companies
        SELECT company_id, arg_min(name, (-articles, length(name), name))
        FROM (SELECT company_id, name, count(*) AS articles FROM article_companies
              WHERE company_id IN (SELECT unnest(?)) GROUP BY ALL)
        GROUP BY company_id""", ids)
    con.execute("DELETE FROM company_aliases WHERE company_id IN (SELECT unnest(?))", ids)
    con.execute("INSERT INTO company_aliases SELECT DISTINCT company_id, unnest(aliases) FROM article_companies "
                "WHERE company_id IN (SELECT unnest(?))", ids)
