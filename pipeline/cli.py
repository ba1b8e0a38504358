"""The `dealfacts` command line: `extract` facts from files, print the record `schema`, and
query the warehouse read-only (`sql`, `search`, `summary`).

Exit codes of `dealfacts extract`: 0 every input was extracted, 1 some input was rejected
(each rejection is one line on stderr naming the file, the line and the reason; every other
article is still printed), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator

from extractors.models import Article, ArticleFacts, Rejection


def _extract(args: argparse.Namespace) -> int:
    from extractors.extract import BATCH_SIZE, Extractor
    from extractors.readers import read_paths
    from pipeline.engines import in_worker_processes

    rejected = 0

    def articles() -> Iterator[Article]:
        nonlocal rejected
        for item in read_paths(args.paths):
            if isinstance(item, Rejection):
                rejected += 1  # the reader has logged it: one line on stderr
            else:
                yield item

    results = (in_worker_processes(articles(), args.processes, BATCH_SIZE) if args.processes > 1
               else Extractor().extract_many(articles()))
    for result in results:
        print(_render(result, args.format), flush=True)
    return 1 if rejected else 0


def _render(result: ArticleFacts, fmt: str) -> str:
    if fmt == "jsonl":
        return result.model_dump_json()
    lines = [f"== {result.id}: {result.title or ''}".rstrip(),
             "companies: " + ", ".join(c.name for c in result.companies)]
    for i, f in enumerate(result.facts):
        figure = _num(f.value) if f.value is not None else f"{_num(f.low)}..{_num(f.high)}"
        extra = " ".join(x for x in (f.currency, f.per and f"per {f.per}", f.chip, f.vendor) if x)
        lines.append(f"  [{i}] {f.kind:<5} {f.qualifier:<9} {f.measure:<15} {figure:>30} {extra:<20} {f.text!r}")
    for d in result.deals:
        parties = ", ".join(f"{p.name} ({p.role})" for p in d.parties)
        lines.append(f"  deal: {d.type} {d.status}: {parties}  facts {d.facts}  {d.text!r}")
    return "\n".join(lines)


def _num(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}"


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(ArticleFacts.model_json_schema(), indent=2))
    return 0


def _sql(args: argparse.Namespace) -> int:
    from warehouse.reports import FORMATS, query

    return _read_warehouse(args, lambda con: FORMATS[args.format](query(con, args.query)))


def _search(args: argparse.Namespace) -> int:
    from warehouse.reports import FORMATS
    from warehouse.search import search

    return _read_warehouse(args, lambda con: FORMATS[args.format](search(con, args.words, args.limit)))


def _summary(args: argparse.Namespace) -> int:
    from warehouse.reports import Table, format_text, summary

    return _read_warehouse(args, lambda con: format_text(Table(["what", "count"], list(summary(con).items()))))


def _read_warehouse(args: argparse.Namespace, render) -> int:
    """Print what `render` makes of a read-only connection; exit 1 on a SQL error (or a refused
    statement), a locked or a broken file, 2 if there is no warehouse yet."""
    import duckdb

    from warehouse.connection import WarehouseBroken, WarehouseLocked, WarehouseMissing, open_read_only
    from warehouse.search import IndexMissing

    try:
        con = open_read_only(args.warehouse, wait_seconds=args.wait)
    except WarehouseMissing as e:
        print(f"dealfacts: {e}", file=sys.stderr)
        return 2
    except (WarehouseLocked, WarehouseBroken) as e:  # say who holds it, or how to rebuild it
        print(f"dealfacts: {e}", file=sys.stderr)
        return 1
    try:
        print(render(con))
    except (duckdb.Error, IndexMissing) as e:  # one line: DuckDB's first, which says what was refused
        print(f"dealfacts: {str(e).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def _add_warehouse_arguments(parser: argparse.ArgumentParser) -> None:
    from warehouse.connection import DEFAULT_LOCK_TIMEOUT, DEFAULT_PATH

    parser.add_argument("--warehouse", default=os.environ.get("DEALFACTS_WAREHOUSE", DEFAULT_PATH),
                        help="DuckDB file, opened read-only (default: $DEALFACTS_WAREHOUSE or %(default)s)")
    parser.add_argument("--wait", type=float, metavar="SECONDS",
                        default=float(os.environ.get("DEALFACTS_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)),
                        help="how long to wait while a run writes the file "
                             "(default: $DEALFACTS_LOCK_TIMEOUT or %(default)g)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dealfacts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="print the facts of articles, one per line")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    extract.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    extract.add_argument("--processes", type=int, default=1,
                         help="worker processes, each with its own spaCy pipeline (as the pipeline's extract step)")
    extract.set_defaults(handler=_extract)

    schema = sub.add_parser("schema", help="print the JSON Schema of the output records")
    schema.set_defaults(handler=_schema)

    sql = sub.add_parser("sql", help="run a SQL query on the warehouse, read-only")
    sql.add_argument("query", help='e.g. "SELECT * FROM company_totals ORDER BY facts DESC LIMIT 10"')
    sql.add_argument("--format", choices=["table", "csv", "jsonl", "markdown"], default="table")
    _add_warehouse_arguments(sql)
    sql.set_defaults(handler=_sql)

    search = sub.add_parser("search", help="print the articles that match words best (full-text search, BM25)")
    search.add_argument("words", help='e.g. "gigawatt data centre"')
    search.add_argument("--limit", type=int, default=10, help="articles to print (default: %(default)s)")
    search.add_argument("--format", choices=["table", "csv", "jsonl", "markdown"], default="table")
    _add_warehouse_arguments(search)
    search.set_defaults(handler=_search)

    summary = sub.add_parser("summary", help="print the warehouse's articles, facts per kind, companies, deals")
    _add_warehouse_arguments(summary)
    summary.set_defaults(handler=_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(format="dealfacts: %(message)s", level=logging.WARNING, stream=sys.stderr)
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
