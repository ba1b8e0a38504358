"""What people read about the warehouse: the summary `make run` prints, previews for the
Dagster UI, and results of ad-hoc SQL as text, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Table:
    """A query result: column names and rows."""

    columns: list[str]
    rows: list[tuple]


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None) -> Table:
    rel = con.execute(sql, params or [])
    if rel.description is None:  # a statement without a result, e.g. SET
        return Table([], [])
    return Table([d[0] for d in rel.description], rel.fetchall())


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts a person checks first: articles, rejections, facts per kind, companies, deals as
    the articles state them (mentions) and consolidated."""
    counts = dict(con.execute("""
        SELECT 'articles', count(*) FROM articles
        UNION ALL SELECT 'rejected', count(*) FROM rejected_files
        UNION ALL SELECT 'facts', count(*) FROM facts
        UNION ALL SELECT 'companies', count(*) FROM companies
        UNION ALL SELECT 'deal_mentions', count(*) FROM article_deals
        UNION ALL SELECT 'deals', count(*) FROM deals""").fetchall())
    per_kind = dict(con.execute("SELECT kind, count(*) FROM facts GROUP BY kind").fetchall())
    return {
        "articles": counts["articles"],
        "rejected": counts["rejected"],
        "facts": counts["facts"],
        **{f"facts.{kind}": per_kind.get(kind, 0) for kind in ("money", "power", "chips")},
        "companies": counts["companies"],
        "deal_mentions": counts["deal_mentions"],
        "deals": counts["deals"],
    }


def newest_facts(con: duckdb.DuckDBPyConnection, limit: int = 10) -> Table:
    """The most recently extracted facts, newest article first, one readable figure each."""
    rows = con.execute("""
        SELECT f.article_id, f.kind, f.qualifier, f.value, f.low, f.high,
               coalesce(f.currency, f.chip, CASE f.kind WHEN 'power' THEN 'W' END), f.text
        FROM facts f JOIN extractions e USING (article_id) JOIN articles a USING (article_id)
        ORDER BY e.extracted_at DESC, a.published DESC NULLS LAST, f.article_id, f.fact_index
        LIMIT ?""", [limit]).fetchall()
    return Table(["article_id", "kind", "qualifier", "figure", "text"], [
        (article, kind, qualifier, _figure(value, low, high, unit), text)
        for article, kind, qualifier, value, low, high, unit, text in rows])


def _figure(value: float | None, low: float | None, high: float | None, unit: str | None) -> str:
    figure = cell(value) if value is not None else f"{cell(low)}–{cell(high)}"
    return f"{figure} {unit}" if unit else figure


def format_text(table: Table) -> str:
    """Aligned columns for a terminal; numbers right-aligned, nulls shown as NULL."""
    cells = [[cell(v) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in table.rows)
               for i in range(len(table.columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    out = [line(table.columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(out)


def format_markdown(table: Table) -> str:
    """A Markdown table, as the Dagster UI renders metadata."""
    def esc(value: object) -> str:
        return cell(value).replace("|", "\\|").replace("\n", " ")

    head = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    return "\n".join(head + ["| " + " | ".join(esc(v) for v in row) + " |" for row in table.rows])


def format_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue().rstrip("\n")


def format_jsonl(table: Table) -> str:
    return "\n".join(json.dumps(dict(zip(table.columns, row)), default=str) for row in table.rows)


FORMATS = {"table": format_text, "csv": format_csv, "jsonl": format_jsonl, "markdown": format_markdown}


def cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return f"{value:,.15g}" if abs(value) >= 1e4 else f"{value:.15g}"
    return str(value)
