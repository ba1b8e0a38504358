"""The asset graph: corpus files → articles → facts and companies → deals → consolidated deals
→ SQL views.

Every asset is a set of DuckDB tables. Incrementality lives in the data, not in partitions:
`articles` stores a content hash per article, and `extract` re-extracts only the articles
whose hash (or the extractor version) differs from the one their facts came from, so one
edited file costs one article's extraction however large the corpus.
"""
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypeVar

import dagster as dg
import duckdb

from extractors.extract import EXTRACTOR_VERSION
from pipeline.progress import Progress
from pipeline.resources import CorpusResource, ExtractorResource, WarehouseResource
from warehouse import reports
from warehouse.articles import load_corpus
from warehouse.consolidation import consolidate
from warehouse.deal_report import write_report
from warehouse.extractions import articles_to_extract, remove_vanished, store_batch
from warehouse.search import refresh_index

OWNERS = ["team:dealfacts"]
ARTICLE_RULES_VERSION = "2"   # bump when reading or hashing articles changes (2: published_at, titles)
VIEWS_VERSION = "4"           # bump with a new view migration in warehouse/sql
REPORT_VERSION = "1"          # bump when the deal report's page changes
CONSOLIDATION_VERSION = "1"   # bump when the rules of warehouse/consolidation.py change
PREVIEW = 20                  # ids and rows listed in metadata

T = TypeVar("T")


@dg.asset(
    group_name="corpus",
    owners=OWNERS,
    code_version=ARTICLE_RULES_VERSION,
    kinds={"duckdb"},
    description="Articles parsed from the corpus folder, one row each with a content hash "
    "and the publication date as a timestamp (tables `articles`, `rejected_files`), and their full-text "
    "index (`search_articles`). Files that cannot be read become rejections and never stop the others; a "
    "date that cannot be read is null and listed.",
)
def articles(context: dg.AssetExecutionContext, corpus: CorpusResource,
             warehouse: WarehouseResource) -> dg.MaterializeResult:
    started = time.monotonic()
    with warehouse.writer(context.log) as con:
        load = load_corpus(con, corpus.read())
        index_seconds = refresh_index(con)  # None: it was up to date
        stored = _count(con, "articles")
        schema = _schema(con, "articles")
    context.log.info(
        f"{load.read} read: {len(load.added)} added, {len(load.changed)} changed, "
        f"{len(load.moved)} moved, {len(load.redated)} redated, {len(load.deleted)} deleted, "
        f"{load.unchanged} unchanged, {len(load.rejections)} rejected, "
        f"{len(load.unreadable_dates)} with an unreadable date in {time.monotonic() - started:.1f}s"
    )
    if load.rejections:  # one line per file (and JSONL line) with the reason, in the run's log
        context.log.warning(f"{len(load.rejections)} rejected:\n" + "\n".join(f"rejected {r}" for r in load.rejections))
    if load.unreadable_dates:  # stored all the same, with published_at null
        context.log.warning(f"{len(load.unreadable_dates)} with a date that could not be read:\n" + "\n".join(
            f"{article_id}: published {published!r}: {why}" for article_id, published, why in load.unreadable_dates))
    rejected = reports.Table(["path", "line", "reason"],
                             [(r.path, r.line, r.reason) for r in load.rejections[:50]])
    undated = reports.Table(["article_id", "published", "reason"], load.unreadable_dates[:50])
    return dg.MaterializeResult(metadata={
        "dagster/row_count": stored,
        "dagster/column_schema": schema,
        "corpus": corpus.path,
        "read (= stored + rejected)": load.read,
        "added": len(load.added),
        "changed": len(load.changed),
        "moved": len(load.moved),
        "redated": len(load.redated),
        "deleted": len(load.deleted),
        "unchanged": load.unchanged,
        "rejected": len(load.rejections),
        "search_index": "up to date" if index_seconds is None else f"rebuilt in {index_seconds:.1f} s",
        "rejected_files": dg.MetadataValue.md(reports.format_markdown(rejected) if load.rejections
                                              else "No rejected files."),
        "dates unreadable": len(load.unreadable_dates),
        "unreadable_dates": dg.MetadataValue.md(reports.format_markdown(undated) if load.unreadable_dates
                                                else "Every date was read."),
        "changed_ids": dg.MetadataValue.md(_id_list(load.added + load.changed + load.deleted)),
    })


@dg.multi_asset(
    name="extract",
    description="Runs the extractor on new and changed articles only, and deletes the rows of "
    "deleted ones; each batch of articles is one transaction.",
    specs=[
        dg.AssetSpec("facts", deps=["articles"], group_name="extraction", owners=OWNERS,
                     code_version=EXTRACTOR_VERSION, kinds={"spacy", "duckdb"},
                     description="Money, power and chip figures with their article, offsets, "
                     "sentence and extractor version (table `facts`)."),
        dg.AssetSpec("companies", deps=["articles"], group_name="extraction", owners=OWNERS,
                     code_version=EXTRACTOR_VERSION, kinds={"spacy", "duckdb"},
                     description="Companies named in the articles and their aliases (tables "
                     "`companies`, `company_aliases`, `article_companies`)."),
        dg.AssetSpec("deals", deps=["facts", "companies"], group_name="extraction", owners=OWNERS,
                     code_version=EXTRACTOR_VERSION, kinds={"spacy", "duckdb"},
                     description="Agreements between companies as each article states them, with "
                     "their type, status, parties, roles and figures (tables `article_deals`, "
                     "`article_deal_parties`)."),
    ],
)
def extract(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
            extractor: ExtractorResource) -> Iterator[dg.MaterializeResult]:
    started = time.monotonic()
    with warehouse.writer(context.log) as con:
        removed = remove_vanished(con)
        todo = articles_to_extract(con, EXTRACTOR_VERSION)
        hashes = {article.id: digest for digest, article in todo.items()}
        extracted: list[str] = []
        if todo:  # loading spaCy takes seconds: only when there is something to extract
            progress = Progress(len(todo))
            results = extractor.extract_many(list(todo.values()), context.log)
            for batch in _batched(results, warehouse.articles_per_transaction):
                store_batch(con, batch, hashes, EXTRACTOR_VERSION)
                extracted += [r.id for r in batch]
                context.log.info(progress.line(len(extracted)))
        context.log.info(f"{len(extracted)} extracted, {len(removed)} removed, "
                         f"in {time.monotonic() - started:.1f}s")
        summary = reports.summary(con)
        change = {
            "extracted": len(extracted),
            "removed": len(removed),
            "extracted_ids": dg.MetadataValue.md(_id_list(extracted)),
            "removed_ids": dg.MetadataValue.md(_id_list(removed)),
            "extractor_version": EXTRACTOR_VERSION,
        }
        yield dg.MaterializeResult(asset_key="facts", metadata={
            "dagster/row_count": summary["facts"],
            "dagster/column_schema": _schema(con, "facts"),
            **{kind: summary[f"facts.{kind}"] for kind in ("money", "power", "chips")},
            "newest_facts": dg.MetadataValue.md(reports.format_markdown(reports.newest_facts(con, PREVIEW))),
            **change,
        })
        yield dg.MaterializeResult(asset_key="companies", metadata={
            "dagster/row_count": summary["companies"],
            "aliases": _count(con, "company_aliases"),
            "most_mentioned": dg.MetadataValue.md(reports.format_markdown(reports.query(
                con, "SELECT c.name AS company, count(*) AS articles FROM article_companies "
                     "JOIN companies c USING (company_id) GROUP BY ALL ORDER BY articles DESC, company LIMIT ?",
                [PREVIEW]))),
            **change,
        })
        yield dg.MaterializeResult(asset_key="deals", metadata={
            "dagster/row_count": summary["deal_mentions"],
            "dagster/column_schema": _schema(con, "article_deals"),
            "parties": _count(con, "article_deal_parties"),
            "newest_deals": dg.MetadataValue.md(reports.format_markdown(reports.query(
                con, "SELECT d.article_id, any_value(d.type) AS type, any_value(d.status) AS status, "
                     "string_agg(p.party || ' (' || p.role || ')', ', ' ORDER BY p.party) AS parties, "
                     "any_value(d.text) AS clause "
                     "FROM article_deals d JOIN article_deal_parties p USING (article_id, deal_index) "
                     "JOIN extractions e USING (article_id) GROUP BY d.article_id, d.deal_index "
                     "ORDER BY max(e.extracted_at) DESC, d.article_id, d.deal_index LIMIT ?", [PREVIEW]))),
            "by_type": dg.MetadataValue.md(reports.format_markdown(reports.query(
                con, "SELECT type, count(*) FILTER (status = 'proposed') AS proposed, "
                     "count(*) FILTER (status = 'agreed') AS agreed, count(*) FILTER (status = 'completed') AS completed, "
                     "count(*) FILTER (status = 'terminated') AS terminated, count(*) AS deals "
                     "FROM article_deals GROUP BY type ORDER BY deals DESC, type"))),
            **change,
        })


@dg.asset(
    deps=["deals"],
    group_name="warehouse",
    owners=OWNERS,
    code_version=CONSOLIDATION_VERSION,
    kinds={"duckdb"},
    description="Real-world deals: the article deals that report one deal, whatever the outlet or stage, "
    "become one row with a stable id, latest status, parties, roles and reconciled figures (tables `deals`, "
    "`deal_mentions`, `deal_figures`). Only the deals new or changed mentions touch are consolidated again.",
)
def consolidated_deals(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer(context.log) as con:
        done = consolidate(con)
        context.log.info(f"{done.mentions} mentions consolidated ({done.removed} gone): "
                         f"{done.deals_written} deals written, {done.deals_deleted} replaced")
        most_reported = reports.query(con, """
            SELECT parties, type, status, articles, value_usd, capacity_gw, chips, first_reported, last_reported
            FROM deal_overview ORDER BY articles DESC, last_reported DESC NULLS LAST, deal_id LIMIT ?""", [PREVIEW])
        largest = reports.query(con, """
            SELECT parties, type, status, value_usd, figures_disagree, articles, first_reported
            FROM deal_overview WHERE value_usd IS NOT NULL ORDER BY value_usd DESC, deal_id LIMIT ?""", [PREVIEW])
        return dg.MaterializeResult(metadata={
            "dagster/row_count": _count(con, "deals"),
            "dagster/column_schema": _schema(con, "deals"),
            "mentions": _count(con, "deal_mentions"),
            "mentions consolidated": done.mentions,
            "mentions gone": done.removed,
            "deals written": done.deals_written,
            "most_reported": dg.MetadataValue.md(reports.format_markdown(most_reported)),
            "largest_by_value": dg.MetadataValue.md(reports.format_markdown(largest)),
        })


@dg.asset(
    deps=["consolidated_deals"],
    group_name="warehouse",
    owners=OWNERS,
    code_version=VIEWS_VERSION,
    kinds={"duckdb", "sql"},
    description="SQL views for querying: `deal_overview` (each real-world deal with parties, roles, value and "
    "sources), `deal_roles` (who plays which part in which deal), `deal_history` (a deal's reports by date), "
    "`deals_by_month`, `company_totals` (a company's deals counted once, with the totals that add up), "
    "`company_facts` and `deal_facts`. Defined in warehouse/sql; this asset reports their sizes and "
    "the companies with the largest deals.",
)
def sql_views(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.reader(context.log) as con:
        views = [row[0] for row in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name").fetchall()]
        busiest = reports.query(con, """
            SELECT company, deals, deal_value_usd, largest_deal_usd, capacity_gw, chips
            FROM company_totals WHERE deals > 0
            ORDER BY deal_value_usd DESC NULLS LAST, deals DESC, company LIMIT ?""", [PREVIEW])
        return dg.MaterializeResult(metadata={
            **{f"{view} rows": _count(con, _identifier(view)) for view in views},
            "companies_by_deal_value": dg.MetadataValue.md(reports.format_markdown(busiest)),
        })


@dg.asset(
    deps=["sql_views"],
    group_name="warehouse",
    owners=OWNERS,
    code_version=REPORT_VERSION,
    kinds={"html", "plotly"},
    description="One self-contained HTML page beside the warehouse (deal_report.html): deal value and capacity "
    "by month and type, the largest deals with their parties, the companies with the most deals. Opens in any "
    "browser without a network.",
)
def deal_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    path = Path(warehouse.duckdb.database).resolve().with_name("deal_report.html")
    with warehouse.reader(context.log) as con:
        report = write_report(con, path)
    context.log.info(f"deal report with {report.deals} deals written to {path}")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "open": dg.MetadataValue.url(path.as_uri()),
        "deals": report.deals,
        "charts": report.charts,
    })


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # our table names only


def _identifier(name: str) -> str:
    """A name from the catalog, quoted: a view someone else made in the file is not SQL of ours."""
    return '"' + name.replace('"', '""') + '"'


def _schema(con: duckdb.DuckDBPyConnection, table: str) -> dg.TableSchema:
    rows = con.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? "
        "ORDER BY column_index", [table]).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(name, kind, description=comment) for name, kind, comment in rows])


def _id_list(ids: list[str]) -> str:
    if not ids:
        return "none"
    shown = ", ".join(f"`{i}`" for i in ids[:PREVIEW])
    return shown + (f" and {len(ids) - PREVIEW} more" if len(ids) > PREVIEW else "")


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
