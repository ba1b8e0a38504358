"""The deal report: one self-contained HTML page of charts and tables over the consolidated deals.

Charts are drawn by Plotly, whose JavaScript is written into the page once, so the file opens in
any browser without a network: deal value and capacity by month and type, the largest deals with
their parties, and the companies with the most deals.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import duckdb
import plotly.graph_objects as go

from warehouse import reports

LARGEST = 15
BUSIEST = 15


@dataclass(frozen=True)
class Report:
    path: Path
    deals: int
    charts: int


def _by_month(con: duckdb.DuckDBPyConnection, column: str, title: str, unit: str) -> go.Figure:
    """A stacked bar per month of first report, one colour per deal type."""
    rows = con.execute(f"""
        SELECT strftime(month, '%Y-%m') AS month, type, {column} FROM deals_by_month
        WHERE month IS NOT NULL AND {column} > 0 ORDER BY month, type""").fetchall()
    figure = go.Figure()
    for deal_type in sorted({t for _, t, _ in rows}):
        points = [(m, v) for m, t, v in rows if t == deal_type]
        figure.add_bar(name=deal_type, x=[m for m, _ in points], y=[v for _, v in points])
    figure.update_layout(title=title, barmode="stack", yaxis_title=unit, xaxis_title="month first reported",
                         xaxis_type="category", height=420)
    return figure


def _busiest(con: duckdb.DuckDBPyConnection) -> go.Figure:
    rows = con.execute("""
        SELECT company, deals FROM company_totals WHERE deals > 0
        ORDER BY deals DESC, company LIMIT ?""", [BUSIEST]).fetchall()[::-1]
    figure = go.Figure(go.Bar(x=[d for _, d in rows], y=[c for c, _ in rows], orientation="h"))
    figure.update_layout(title="Companies with the most deals", xaxis_title="real-world deals",
                         height=120 + 28 * len(rows))
    return figure


def _largest(con: duckdb.DuckDBPyConnection) -> str:
    table = reports.query(con, """
        SELECT parties, type, status, value_usd, figures_disagree AS figures_differ, articles,
               strftime(first_reported, '%Y-%m-%d') AS first_reported
        FROM deal_overview WHERE value_usd IS NOT NULL
        ORDER BY value_usd DESC, deal_id LIMIT ?""", [LARGEST])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(reports.cell(v))}</td>" for v in row) + "</tr>"
                   for row in table.rows)
    return f"<h2>Largest deals by value (USD)</h2><table><tr>{head}</tr>{body}</table>"


def write_report(con: duckdb.DuckDBPyConnection, path: Path) -> Report:
    """Write the report to `path` (replacing it whole, so a reader never sees half a page)."""
    figures = [_by_month(con, "value_usd", "Deal value by month and type", "US dollars"),
               _by_month(con, "capacity_gw", "Power capacity by month and type", "gigawatts"),
               _busiest(con)]
    charts = "".join(f.to_html(full_html=False, include_plotlyjs=(i == 0)) for i, f in enumerate(figures))
    deals, articles = con.execute("SELECT count(*), (SELECT count(*) FROM articles) FROM deals").fetchone()
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>dealfacts: deal report</title>
<style>body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; }}</style></head>
<body><h1>Deal report</h1><p>{deals} real-world deals from {articles} articles.</p>
{charts}{_largest(con)}</body></html>"""
    partial = path.with_suffix(".partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(path)
    return Report(path, deals, len(figures))
