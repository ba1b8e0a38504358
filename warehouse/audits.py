"""Invariants of a healthy warehouse, as queries that return the rows breaking them.

The pipeline turns each into a Dagster asset check; any other caller can run them too.
Each returns `Findings`: how many rows break the rule and a few of them to look at.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

SAMPLE = 10

# Largest figure believed, per kind: 10^15 money units (100 trillion lire appear in 1987 news),
# 1 TW of power (the largest plans are tens of GW), 10^8 chips (more than a year's world output
# of data-centre GPUs). Anything at or below zero is wrong for every kind.
PLAUSIBLE_MAX = {"money": 1e15, "power": 1e12, "chips": 1e8}


@dataclass(frozen=True)
class Findings:
    count: int
    columns: list[str]
    sample: list[tuple]

    @property
    def ok(self) -> bool:
        return self.count == 0


def _find(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> Findings:
    """Count the rows of `query` and keep the first few."""
    rel = con.execute(f"SELECT * FROM ({query}) LIMIT {SAMPLE}", params or [])
    columns = [d[0] for d in rel.description]
    sample = rel.fetchall()
    count = con.execute(f"SELECT count(*) FROM ({query})", params or []).fetchone()[0]
    return Findings(count, columns, sample)


def ungrounded_facts(con: duckdb.DuckDBPyConnection) -> Findings:
    """Facts whose text is not the article's text at their offsets, or not in their sentence."""
    return _find(con, """
        SELECT f.article_id, f.fact_index, f.text,
               CASE WHEN at_offsets IS DISTINCT FROM f.text THEN 'not at its offsets'
                    ELSE 'not in its sentence' END AS problem,
               f.start_offset, f.end_offset, at_offsets, f.sentence
        FROM (SELECT f.*, substring(a.text, f.start_offset + 1, f.end_offset - f.start_offset) AS at_offsets
              FROM facts f LEFT JOIN articles a USING (article_id)) AS f
        WHERE at_offsets IS DISTINCT FROM f.text OR position(f.text IN f.sentence) = 0
        ORDER BY f.article_id, f.fact_index""")


def implausible_facts(con: duckdb.DuckDBPyConnection) -> Findings:
    """Facts with a figure at or below zero or above the plausible maximum of their kind."""
    kinds = list(PLAUSIBLE_MAX)
    limits = [PLAUSIBLE_MAX[k] for k in kinds]
    return _find(con, """
        SELECT f.article_id, f.fact_index, f.kind, f.value, f.low, f.high, f.text
        FROM facts f JOIN (SELECT unnest(?) AS kind, unnest(?) AS most) m USING (kind)
        WHERE least(f.value, f.low, f.high) <= 0 OR greatest(f.value, f.low, f.high) > m.most
        ORDER BY f.article_id, f.fact_index""", [kinds, limits])


def unknown_companies(con: duckdb.DuckDBPyConnection) -> Findings:
    """Deal parties and fact companies that are not companies of their article, and deals
    pointing at facts that do not exist."""
    return _find(con, """
        SELECT article_id, 'deal ' || deal_index AS used_by, party AS name, 'not a company of the article' AS problem
        FROM deal_parties
        WHERE company_id IS NULL OR company_id NOT IN (SELECT company_id FROM companies)
        UNION ALL
        SELECT f.article_id, 'fact ' || f.fact_index, u.name, 'not a company of the article'
        FROM facts f, unnest(f.companies) AS u(name)
        WHERE NOT EXISTS (SELECT 1 FROM article_companies ac JOIN companies c USING (company_id)
                          WHERE ac.article_id = f.article_id AND c.name = u.name)
        UNION ALL
        SELECT d.article_id, 'deal ' || d.deal_index, 'fact ' || u.i, 'no such fact'
        FROM deals d, unnest(d.fact_indexes) AS u(i)
        WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.article_id = d.article_id AND f.fact_index = u.i)
        ORDER BY 1, 2, 3""")


def stale_extractions(con: duckdb.DuckDBPyConnection, extractor_version: str) -> Findings:
    """Articles whose stored facts are missing, from other text or another extractor version,
    and facts of articles that are gone."""
    return _find(con, """
        SELECT a.article_id, coalesce(e.extractor_version, 'never extracted') AS problem
        FROM articles a LEFT JOIN extractions e USING (article_id)
        WHERE e.article_id IS NULL OR e.extractor_version <> ?
        UNION ALL
        SELECT a.article_id, 'text changed since extraction'
        FROM articles a JOIN extractions e USING (article_id) WHERE e.content_hash <> a.content_hash
        UNION ALL
        SELECT DISTINCT article_id, 'article gone, rows remain' FROM (
            SELECT article_id FROM extractions UNION ALL SELECT article_id FROM facts
            UNION ALL SELECT article_id FROM deals UNION ALL SELECT article_id FROM article_companies)
        WHERE article_id NOT IN (SELECT article_id FROM articles)
        ORDER BY 1""", [extractor_version])


def unaccounted_files(con: duckdb.DuckDBPyConnection, files: Iterable[str]) -> Findings:
    """Corpus files that gave neither a stored article nor a rejection, and stored rows whose
    file is no longer in the corpus."""
    return _find(con, """
        WITH corpus AS (SELECT unnest(?::VARCHAR[]) AS path),
             accounted AS (SELECT path FROM articles UNION SELECT path FROM rejected_files)
        SELECT path, 'read, but neither stored nor rejected' AS problem FROM corpus
        WHERE path NOT IN (SELECT path FROM accounted)
        UNION ALL
        SELECT path, 'stored, but no longer in the corpus' FROM accounted
        WHERE path NOT IN (SELECT path FROM corpus)
        ORDER BY 1""", [sorted(files)])


def rejected_files(con: duckdb.DuckDBPyConnection) -> Findings:
    """Files and JSONL lines the readers rejected, with the reason."""
    return _find(con, "SELECT path, line, reason FROM rejected_files ORDER BY path, line")
