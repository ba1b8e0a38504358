"""Full-text search over the articles' titles and texts: a BM25 index of DuckDB's fts extension.

DuckDB does not update an fts index when its table changes, so `refresh_index` rebuilds it
whenever the articles differ from those it was built from, which it records beside the index.
The extension itself comes from a package (see `connection.load_fts`): nothing is downloaded.
"""
from __future__ import annotations

import time

import duckdb

from warehouse.connection import load_fts, transaction
from warehouse.reports import Table, query

INDEX_SCHEMA = "fts_main_articles"
"""Where `PRAGMA create_fts_index` puts the index of table `articles`, and `match_bm25`."""

BUILD = (
    "PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite = 1)",
    # What analysts call: the best `n` articles for `words`, by BM25 over title and text.
    """CREATE OR REPLACE MACRO search_articles(words, n := 10) AS TABLE
        SELECT article_id, title, published, score
        FROM (SELECT *, fts_main_articles.match_bm25(article_id, words) AS score FROM articles)
        WHERE score IS NOT NULL
        ORDER BY score DESC, article_id
        LIMIT n""",
)
"""How the index and its macro are made; part of the fingerprint, so changing them rebuilds."""


class IndexMissing(LookupError):
    """The warehouse has no search index yet: it was last materialised before there was one."""


def refresh_index(con: duckdb.DuckDBPyConnection) -> float | None:
    """Rebuild the index if the articles (ids and content hashes) or `BUILD` changed since it
    was built, in one transaction; the seconds it took, or None when it was up to date."""
    started = time.monotonic()
    fingerprint = con.execute(
        "SELECT md5(? || coalesce(string_agg(article_id || ' ' || content_hash, ' ' ORDER BY article_id), '')) "
        "FROM articles", ["\n".join(BUILD)]).fetchone()[0]
    if _built_from(con) == fingerprint:
        return None
    load_fts(con)
    with transaction(con):
        for statement in BUILD:
            con.execute(statement)
        con.execute(f"CREATE TABLE {INDEX_SCHEMA}.built_from AS SELECT ? AS fingerprint", [fingerprint])
    return time.monotonic() - started


def search(con: duckdb.DuckDBPyConnection, words: str, limit: int = 10) -> Table:
    """The `limit` articles that match `words` best: id, title, published, BM25 score."""
    if _built_from(con) is None:
        raise IndexMissing("the warehouse has no search index yet: materialise it again (make run)")
    return query(con, "SELECT article_id, title, published, round(score, 3) AS score "
                      "FROM search_articles(?, n := ?)", [words, limit])


def _built_from(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the articles the index was built from; None if there is no index."""
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = 'built_from'",
                         [INDEX_SCHEMA]).fetchone()[0]
    return con.execute(f"SELECT fingerprint FROM {INDEX_SCHEMA}.built_from").fetchone()[0] if exists else None
