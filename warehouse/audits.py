"""Invariants of a healthy warehouse, as queries that return the rows breaking them.

The pipeline turns each into a Dagster asset check; any other caller can run them too.
Each returns `Findings`: how many rows break the rule and a few of them to look at.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import duckdb

from extractors.models import ROLES
from warehouse import consolidation
from warehouse.extractions import STORED_COUNTS

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
        SELECT p.article_id, 'deal ' || p.deal_index AS used_by, p.party AS name, 'not a company of the article' AS problem
        FROM article_deal_parties p
        WHERE NOT EXISTS (SELECT 1 FROM article_companies ac
                          WHERE ac.article_id = p.article_id AND ac.company_id = p.company_id)
        UNION ALL
        SELECT f.article_id, 'fact ' || f.fact_index, u.name, 'not a company of the article'
        FROM facts f, unnest(f.companies) AS u(name)
        WHERE NOT EXISTS (SELECT 1 FROM article_companies ac
                          WHERE ac.article_id = f.article_id AND (ac.name = u.name OR list_contains(ac.aliases, u.name)))
        UNION ALL
        SELECT d.article_id, 'deal ' || d.deal_index, 'fact ' || u.i, 'no such fact'
        FROM article_deals d, unnest(d.fact_indexes) AS u(i)
        WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.article_id = d.article_id AND f.fact_index = u.i)
        ORDER BY 1, 2, 3""")


def malformed_deals(con: duckdb.DuckDBPyConnection) -> Findings:
    """Deals whose text is not the article's text at their offsets, and parties whose role the
    deal's type does not allow (`extractors.models.ROLES`)."""
    allowed = [(t, r) for t, roles in ROLES.items() for r in (*roles, "adviser")]
    return _find(con, """
        SELECT d.article_id, d.deal_index, d.type, 'text not at its offsets' AS problem, d.text AS detail
        FROM article_deals d JOIN articles a USING (article_id)
        WHERE substring(a.text, d.start_offset + 1, d.end_offset - d.start_offset) IS DISTINCT FROM d.text
        UNION ALL
        SELECT d.article_id, d.deal_index, d.type, 'role not allowed for its type',
               p.party || ': ' || coalesce(p.role, 'none')
        FROM article_deals d JOIN article_deal_parties p USING (article_id, deal_index)
        WHERE (d.type, p.role) NOT IN (SELECT (unnest(?::VARCHAR[]), unnest(?::VARCHAR[])))
        ORDER BY 1, 2""", [[t for t, _ in allowed], [r for _, r in allowed]])


def unconsolidated_mentions(con: duckdb.DuckDBPyConnection) -> Findings:
    """Article deals not in exactly one stored deal, links to deals or article deals that do not
    exist, and deals without a mention."""
    return _find(con, """
        SELECT d.article_id, d.deal_index, NULL AS deal_id, 'in no deal' AS problem
        FROM article_deals d LEFT JOIN deal_mentions m USING (article_id, deal_index) WHERE m.deal_id IS NULL
        UNION ALL
        SELECT m.article_id, m.deal_index, m.deal_id, 'no such article deal'
        FROM deal_mentions m LEFT JOIN article_deals d USING (article_id, deal_index) WHERE d.article_id IS NULL
        UNION ALL
        SELECT m.article_id, m.deal_index, m.deal_id, 'no such deal'
        FROM deal_mentions m WHERE m.deal_id NOT IN (SELECT deal_id FROM deals)
        UNION ALL
        SELECT NULL, NULL, d.deal_id, 'deal without a mention'
        FROM deals d WHERE d.deal_id NOT IN (SELECT deal_id FROM deal_mentions)
        ORDER BY 1, 2, 3""")


def consolidation_drift(con: duckdb.DuckDBPyConnection) -> Findings:
    """Mentions whose stored deal is not the one consolidating every mention from scratch gives."""
    rows = consolidation.differences_from_scratch(con)
    return Findings(len(rows), ["article_id", "deal_index", "stored deal", "deal from scratch"], rows[:SAMPLE])


def stale_extractions(con: duckdb.DuckDBPyConnection, extractor_version: str) -> Findings:
    """Articles whose stored facts are missing, from other text or another extractor version,
    fewer or more facts or deals than their extraction stored, and facts of articles that are gone."""
    return _find(con, f"""
        SELECT a.article_id, coalesce(e.extractor_version, 'never extracted') AS problem
        FROM articles a LEFT JOIN extractions e USING (article_id)
        WHERE e.article_id IS NULL OR e.extractor_version <> ?
        UNION ALL
        SELECT a.article_id, 'text changed since extraction'
        FROM articles a JOIN extractions e USING (article_id) WHERE e.content_hash <> a.content_hash
        UNION ALL
        SELECT article_id, 'extracted ' || n_facts || ' facts and ' || n_deals || ' deals, but '
               || facts || ' facts and ' || deals || ' deals stored'
        FROM ({STORED_COUNTS}) WHERE facts <> n_facts OR deals <> n_deals
        UNION ALL
        SELECT DISTINCT article_id, 'article gone, rows remain' FROM (
            SELECT article_id FROM extractions UNION ALL SELECT article_id FROM facts
            UNION ALL SELECT article_id FROM article_deals UNION ALL SELECT article_id FROM article_companies)
        WHERE article_id NOT IN (SELECT article_id FROM articles)
        ORDER BY 1""", [extractor_version])


def _accounting(files: Mapping[str, int | None] | Iterable[str]) -> tuple[str, list]:
    """Per file: articles in, stored and rejected. A file's articles in are the items counted in
    it (JSONL lines, JSON array items), or 1 for a file of one article or one rejected whole."""
    items = dict(files) if isinstance(files, Mapping) else dict.fromkeys(files)
    paths = sorted(items)
    return """
        WITH corpus AS (SELECT unnest(?::VARCHAR[]) AS path, unnest(?::BIGINT[]) AS items),
             stored AS (SELECT path, count(*) AS n FROM articles GROUP BY path),
             rejected AS (SELECT path, count(*) AS n, bool_and(line IS NULL) AS no_line
                          FROM rejected_files GROUP BY path),
             paths AS (SELECT path FROM corpus UNION SELECT path FROM stored UNION SELECT path FROM rejected),
             counts AS (
                 SELECT p.path, c.path IS NOT NULL AS listed, c.items,
                        coalesce(s.n, 0) AS stored, coalesce(r.n, 0) AS rejected,
                        (coalesce(s.n, 0) = 0 AND r.n = 1 AND r.no_line) AS rejected_whole
                 FROM paths p LEFT JOIN corpus c USING (path) LEFT JOIN stored s USING (path)
                 LEFT JOIN rejected r USING (path))
        SELECT path, listed, stored, rejected,
               CASE WHEN NOT listed THEN stored + rejected  -- a file gone since the load
                    WHEN rejected_whole OR items IS NULL THEN 1 ELSE items END AS articles_in
        FROM counts""", [paths, [items[p] for p in paths]]


def unaccounted_files(con: duckdb.DuckDBPyConnection,
                      files: Mapping[str, int | None] | Iterable[str]) -> Findings:
    """Corpus files whose articles are not all accounted for by stored rows and rejections, and
    stored articles whose file is no longer in the corpus.

    `files` names each file the readers read, optionally with the number of articles it holds
    (see `_accounting`); a file without a number must give exactly one article or rejection. A
    rejection whose file is gone (it vanished while being read) accounts for itself.
    """
    query, params = _accounting(files)
    return _find(con, f"""
        SELECT path, CASE
                   WHEN stored + rejected = 0 THEN 'read, but neither stored nor rejected'
                   WHEN NOT listed THEN 'stored, but no longer in the corpus'
                   ELSE 'holds ' || articles_in || ' articles, but ' || stored || ' stored and '
                        || rejected || ' rejected' END AS problem
        FROM ({query})
        WHERE stored + rejected = 0 OR (NOT listed AND stored > 0) OR stored + rejected <> articles_in
        ORDER BY 1""", params)


def corpus_counts(con: duckdb.DuckDBPyConnection,
                  files: Mapping[str, int | None] | Iterable[str]) -> dict[str, int]:
    """Articles in (counted in the files), stored and rejected: in = stored + rejected when
    nothing is dropped."""
    query, params = _accounting(files)
    articles_in, stored, rejected = con.execute(
        f"SELECT coalesce(sum(articles_in), 0), (SELECT count(*) FROM articles), "
        f"(SELECT count(*) FROM rejected_files) FROM ({query})", params).fetchone()
    return {"articles in": int(articles_in), "stored": stored, "rejected": rejected}


def rejected_files(con: duckdb.DuckDBPyConnection) -> Findings:
    """Files and JSONL lines the readers rejected, with the reason."""
    return _find(con, "SELECT path, line, reason FROM rejected_files ORDER BY path, line")
