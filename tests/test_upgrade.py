"""Upgrading a warehouse made before `published_at`: the next run of the real job adds the column,
fills every date and the new titles, and loses nothing; it re-extracts every article, whose rows
migration 006 (company ids from names, consolidated deals) derives anew."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import duckdb
from test_pipeline import checks, materialize, metadata

from extractors.extract import EXTRACTOR_VERSION, Extractor
from extractors.models import Article
from extractors.readers import read_paths
from warehouse import schema
from warehouse.articles import content_hash

PAGE = """<html><head><title>Nvidia to invest $5bn in Intel | Example Markets</title>
<meta property="og:site_name" content="Example Markets">
<meta property="article:published_time" content="2025-09-18T13:05:00+02:00"></head>
<body><article><p>Nvidia will invest $5 billion in Intel, the companies said.</p></article></body></html>"""
HEADLINE = "Oracle signs $300 billion deal with OpenAI"
FEED = [{"id": "reuters-1", "title": "AMD BUYS CHIPS", "published": "26-FEB-1987 15:01:01.79",
         "text": "AMD agreed to buy 5,000 chips from Intel for $2 million."},
        {"id": "undated", "title": "Q3", "published": "Q3 results", "text": "Intel will spend $1 billion."}]
# what the readers before published_at made of these: the page's whole <title>, no title for the text
OLD_TITLES = {"intel-page": "Nvidia to invest $5bn in Intel | Example Markets", "oracle": None}


def old_warehouse(workspace, tmp_path, monkeypatch) -> None:
    """The warehouse as the previous code left it: schema 001–003, every article stored and
    extracted, titles as the old readers gave them."""
    old_sql = tmp_path / "sql-003"
    old_sql.mkdir()
    for migration in schema.migrations():
        if migration.version <= 3:
            shutil.copy(migration.path, old_sql)
    articles = [item for item in read_paths([workspace.corpus]) if isinstance(item, Article)]
    articles = [a.model_copy(update={"title": OLD_TITLES.get(a.id, a.title)}) for a in articles]
    workspace.warehouse.parent.mkdir()
    with monkeypatch.context() as patch, duckdb.connect(str(workspace.warehouse)) as con:
        patch.setattr(schema, "SQL_DIR", old_sql)
        assert schema.migrate(con) == [1, 2, 3]
        con.executemany(
            "INSERT INTO articles (article_id, title, url, published, source, path, encoding, text, content_hash, "
            "loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
            [(a.id, a.title, a.url, a.published, a.source, a.path, a.encoding, a.text, content_hash(a))
             for a in articles])
        results = list(Extractor().extract_many(articles))
        con.executemany(  # the facts and extractions as that schema held them (no measure)
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, i, f.kind, f.value, f.low, f.high, f.qualifier, f.currency, f.per, f.chip, f.vendor, f.companies,
              f.text, f.start, f.end, f.sentence, EXTRACTOR_VERSION) for r in results for i, f in enumerate(r.facts)])
        con.executemany("INSERT INTO extractions VALUES (?, ?, ?, current_timestamp, ?, 0)",
                        [(r.id, content_hash(a), EXTRACTOR_VERSION, len(r.facts)) for r, a in zip(results, articles)])


def test_the_next_run_fills_dates_and_titles_of_a_warehouse_made_before_them(workspace, instance, tmp_path,
                                                                               monkeypatch):
    workspace.write_all()
    (workspace.corpus / "intel-page.html").write_text(PAGE, encoding="utf-8")
    (workspace.corpus / "oracle.txt").write_text(
        f"{HEADLINE}\n\nOracle signed a $300 billion contract with OpenAI for 4.5 gigawatts of capacity.\n")
    (workspace.corpus / "feed.jsonl").write_text("".join(json.dumps(o) + "\n" for o in FEED))
    old_warehouse(workspace, tmp_path, monkeypatch)
    kept = "SELECT article_id, url, published, source, path, encoding, text FROM articles ORDER BY 1"
    figures = "SELECT article_id, fact_index, kind, value, low, high, currency, text, start_offset FROM facts ORDER BY ALL"
    before, facts = workspace.query(kept), workspace.query(figures)

    result = materialize(instance)

    assert result.success
    assert workspace.query("SELECT max(version) FROM schema_version") == [(schema.migrations()[-1].version,)]
    assert workspace.query("SELECT article_id, title, published_at FROM articles ORDER BY 1") == [
        ("anthropic-google", "Anthropic to use up to one million Google TPUs", dt.datetime(2025, 10, 23)),
        ("intel-page", "Nvidia to invest $5bn in Intel", dt.datetime(2025, 9, 18, 11, 5)),
        ("microsoft-nvidia", "Microsoft buys Nvidia chips", dt.datetime(2025, 11, 1)),
        ("openai-amd", "OpenAI and AMD sign 6 gigawatt chip deal", dt.datetime(2025, 10, 6)),
        ("oracle", HEADLINE, None),
        ("reuters-1", "AMD BUYS CHIPS", dt.datetime(1987, 2, 26, 15, 1, 1, 790000)),
        ("undated", "Q3", None)]
    # nothing lost: the raw date, the text and every figure are as they were
    assert workspace.query(kept) == before
    assert workspace.query(figures) == facts
    meta = metadata(result, "articles")
    assert (meta["changed"], meta["redated"], meta["unchanged"]) == (2, 4, 1)
    assert meta["dates unreadable"] == 1 and "| undated | Q3 results | not a date |" in meta["unreadable_dates"]
    # migration 006 (company ids from names, consolidated deals) re-derives every article's rows
    assert metadata(result, "facts")["extracted"] == 7
    assert workspace.query("SELECT count(*) FROM deal_mentions") == workspace.query("SELECT count(*) FROM article_deals")
    assert all(checks(result).values())

    again = materialize(instance)
    assert metadata(again, "articles")["unchanged"] == 7 and metadata(again, "facts")["extracted"] == 0
