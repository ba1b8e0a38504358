"""Full-text search as an analyst uses it: the real job builds the index, `dealfacts search` and
`dealfacts sql` (still read-only) find the right articles, best first, and every change to the
articles rebuilds the index."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from test_pipeline import materialize, metadata

from warehouse.connection import open_read_only

DEALFACTS = Path(sys.executable).parent / "dealfacts"

CORPUS = {
    "fervo-google": ("Fervo signs geothermal power deal with Google", "2025-06-10",
                     "Fervo Energy agreed to supply geothermal power to Google. The geothermal plant in "
                     "Nevada will deliver 115 megawatts, and Fervo plans more geothermal wells."),
    "brightline-solar": ("Brightline buys Sunco solar farm", "2025-07-01",
                         "Brightline bought a 300 megawatt solar farm from Sunco for $400 million. It had "
                         "also looked at a geothermal site."),
    "openai-coreweave": ("OpenAI leased capacity from CoreWeave", "2025-03-10",
                         "OpenAI leased data centre capacity from CoreWeave in a deal worth $11.9 billion."),
}


def search(workspace, words: str) -> list[dict]:
    done = subprocess.run([DEALFACTS, "search", "--format", "csv", words],
                          env=workspace.env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(done.stdout.splitlines()))


@pytest.fixture
def indexed(workspace, instance):
    for article_id, fields in CORPUS.items():
        workspace.write(article_id, *fields)
    result = materialize(instance)
    assert metadata(result, "articles")["search_index"].startswith("rebuilt in ")
    return workspace


def test_search_prints_the_best_articles_first(indexed):
    found = search(indexed, "geothermal")

    assert [row["article_id"] for row in found] == ["fervo-google", "brightline-solar"]  # four mentions beat one
    assert float(found[0]["score"]) > float(found[1]["score"]) > 0
    assert found[0]["title"] == CORPUS["fervo-google"][0] and found[0]["published"] == "2025-06-10"
    assert [row["article_id"] for row in search(indexed, "leases")] == ["openai-coreweave"]  # stemmed: leased
    assert search(indexed, "hydrogen") == []
    table = subprocess.run([DEALFACTS, "search", "--limit", "1", "solar farm"],
                           env=indexed.env(), capture_output=True, text=True, check=True).stdout.splitlines()
    assert table[0].split() == ["article_id", "title", "published", "score"]
    assert table[2].startswith("brightline-solar  Brightline buys Sunco solar farm") and table[-1] == "(1 row)"


def test_dealfacts_sql_searches_with_the_macro_and_match_bm25_and_stays_read_only(indexed, tmp_path):
    def sql(query: str) -> subprocess.CompletedProcess:
        return subprocess.run([DEALFACTS, "sql", "--format", "csv", query],
                              env=indexed.env(), capture_output=True, text=True, timeout=120)

    macro = sql("SELECT article_id FROM search_articles('geothermal power', n := 1)")
    assert macro.returncode == 0 and macro.stdout.splitlines() == ["article_id", "fervo-google"]
    title_only = sql("SELECT article_id FROM (SELECT article_id, fts_main_articles.match_bm25(article_id, "
                     "'geothermal', fields := 'title') AS score FROM articles) WHERE score IS NOT NULL")
    assert title_only.returncode == 0 and title_only.stdout.splitlines() == ["article_id", "fervo-google"]
    for refused in (f"COPY (SELECT * FROM search_articles('solar')) TO '{tmp_path / 'out.csv'}'",
                    "PRAGMA create_fts_index('articles', 'article_id', 'text', overwrite = 1)",
                    "LOAD httpfs"):
        done = sql(refused)
        assert done.returncode == 1 and len(done.stderr.splitlines()) == 1, refused
    assert not (tmp_path / "out.csv").exists()


def test_changing_or_deleting_an_article_rebuilds_the_index(indexed, instance):
    indexed.write("brightline-solar", "Brightline buys Sunco solar farm", "2025-07-01",
                  "Brightline bought a solar farm from Sunco and will make hydrogen there.")
    changed = materialize(instance)

    assert metadata(changed, "articles")["search_index"].startswith("rebuilt in ")
    assert [row["article_id"] for row in search(indexed, "geothermal")] == ["fervo-google"]
    assert [row["article_id"] for row in search(indexed, "hydrogen")] == ["brightline-solar"]

    indexed.delete("fervo-google")
    materialize(instance)

    assert search(indexed, "geothermal") == []
    assert indexed.query("SELECT list_sort(list(name)) FROM fts_main_articles.docs") == [
        (["brightline-solar", "openai-coreweave"],)]
    assert indexed.query("SELECT num_docs FROM fts_main_articles.stats") == [(2,)]

    unchanged = materialize(instance)
    assert metadata(unchanged, "articles")["search_index"] == "up to date"


def test_two_read_only_connections_of_one_process_can_both_search(indexed):
    with open_read_only(indexed.warehouse) as first, open_read_only(indexed.warehouse) as second:
        for con in (first, second):
            assert con.execute("SELECT article_id FROM search_articles('leases')").fetchall() == [("openai-coreweave",)]
            with pytest.raises(duckdb.Error, match="disabled by configuration"):
                con.execute("SELECT * FROM read_text('/etc/hostname')")


def test_a_warehouse_without_an_index_says_how_to_build_one(tmp_path):
    warehouse = tmp_path / "old.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("CREATE TABLE articles AS SELECT 'a' AS article_id, 'Old' AS title, 'old text' AS text")
    done = subprocess.run([DEALFACTS, "search", "--warehouse", str(warehouse), "old"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.splitlines() == [
        "dealfacts: the warehouse has no search index yet: materialise it again (make run)"]
