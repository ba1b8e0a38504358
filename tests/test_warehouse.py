"""The warehouse on its own: versioned schema, content-hashed loads, atomic batches, views, audits."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from extractors.models import Article, ArticleFacts, Company, Deal, Fact, Party, Rejection
from warehouse import audits, schema
from warehouse.articles import content_hash, load_corpus
from warehouse.connection import WarehouseMissing, open_read_only
from warehouse.consolidation import consolidate
from warehouse.extractions import articles_to_extract, remove_vanished, store_batch

TEXT = "Nvidia will supply 10,000 H100 chips to Acme Corp for $1.5 billion."


def fact(kind: str, phrase: str, value: float, **fields) -> Fact:
    start = TEXT.index(phrase)
    return Fact(kind=kind, value=value, text=phrase, start=start, end=start + len(phrase), sentence=TEXT, **fields)


NVIDIA_ACME = ArticleFacts(
    id="a1",
    companies=[Company(name="Nvidia", aliases=["NVIDIA Corp"]), Company(name="Acme", aliases=["Acme Corp"])],
    facts=[fact("chips", "10,000 H100 chips", 10_000, chip="H100", vendor="Nvidia", companies=["Nvidia", "Acme"],
                measure="count"),
           fact("money", "$1.5 billion", 1.5e9, currency="USD", companies=["Acme"], measure="deal_value")],
    deals=[Deal(type="supply", status="agreed", parties=[{"name": "Nvidia", "role": "supplier"},
                                                         {"name": "Acme Corp", "role": "customer"}],
                facts=[0, 1], text=TEXT[:-1], start=0, end=len(TEXT) - 1)],
)


@pytest.fixture
def con(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        schema.migrate(con)
        yield con


def load(con, *articles: Article) -> dict[str, str]:
    """Store `articles` and return the content hashes of those awaiting extraction."""
    load_corpus(con, articles)
    todo = articles_to_extract(con, "v1")
    return {a.id: h for h, a in todo.items()}


def test_schema_files_apply_once_in_order_and_new_ones_upgrade(tmp_path, monkeypatch):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        assert schema.migrate(con) == [m.version for m in schema.migrations()]
        assert schema.migrate(con) == []
        sql = tmp_path / "sql"
        shutil.copytree(schema.SQL_DIR, sql)
        (sql / "099_notes.sql").write_text("ALTER TABLE articles ADD COLUMN note VARCHAR;")
        monkeypatch.setattr(schema, "SQL_DIR", sql)
        assert schema.migrate(con) == [99]
        assert schema.current_version(con) == 99
        assert "note" in [row[0] for row in con.execute("DESCRIBE articles").fetchall()]


def test_a_broken_schema_file_leaves_the_schema_as_it_was(tmp_path, monkeypatch):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        schema.migrate(con)
        sql = tmp_path / "sql"
        shutil.copytree(schema.SQL_DIR, sql)
        (sql / "099_broken.sql").write_text("CREATE TABLE extra (x INTEGER); SELEC oops;")
        monkeypatch.setattr(schema, "SQL_DIR", sql)
        with pytest.raises(duckdb.ParserException):
            schema.migrate(con)
        assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'extra'").fetchone() == (0,)
        assert schema.current_version(con) == max(m.version for m in schema.migrations() if m.version < 99)


def test_loading_sorts_articles_into_added_changed_moved_deleted_unchanged(con):
    a, b, c = (Article(id=i, text=f"text {i}", path=f"c/{i}.txt") for i in "abc")
    first = load_corpus(con, [a, b, c, Rejection(path="c/x.txt", reason="empty file")])
    assert first.added == ["a", "b", "c"] and first.read == 4

    again = load_corpus(con, [a, b.model_copy(update={"text": "new"}), c.model_copy(update={"path": "d/c.txt"})])

    assert (again.changed, again.moved, again.deleted, again.unchanged) == (["b"], ["c"], [], 1)
    assert con.execute("SELECT count(*) FROM rejected_files").fetchone() == (0,)
    assert load_corpus(con, [a]).deleted == ["b", "c"]
    assert content_hash(c) == content_hash(c.model_copy(update={"path": "elsewhere", "encoding": "latin-1"}))


def test_dates_are_stored_as_timestamps_and_a_date_read_anew_rewrites_the_row(con):
    a = Article(id="a", text="text a", path="c/a.txt", published="Tue, 03 Nov 2025 14:05:00 +0100")
    b = Article(id="b", text="text b", path="c/b.txt", published="Q3 results")
    c = Article(id="c", text="text c", path="c/c.txt")
    first = load_corpus(con, [a, b, c])
    assert first.unreadable_dates == [("b", "Q3 results", "not a date")]
    assert con.execute("SELECT article_id, published, published_at FROM articles ORDER BY 1").fetchall() == [
        ("a", "Tue, 03 Nov 2025 14:05:00 +0100", dt.datetime(2025, 11, 3, 13, 5)),
        ("b", "Q3 results", None), ("c", None, None)]
    todo = articles_to_extract(con, "v1")
    store_batch(con, [ArticleFacts(id=x.id) for x in todo.values()], {x.id: h for h, x in todo.items()}, "v1")

    # as in a warehouse stored before published_at, or by other date rules
    con.execute("UPDATE articles SET published_at = NULL WHERE article_id = 'a'")
    con.execute("UPDATE articles SET published_at = TIMESTAMP '1999-01-01' WHERE article_id = 'b'")
    again = load_corpus(con, [a, b, c])

    assert (again.redated, again.changed, again.unchanged, again.read) == (["a", "b"], [], 1, 3)
    assert con.execute("SELECT article_id, published_at FROM articles ORDER BY 1").fetchall() == [
        ("a", dt.datetime(2025, 11, 3, 13, 5)), ("b", None), ("c", None)]
    assert articles_to_extract(con, "v1") == {}  # same content: nothing to extract again
    assert load_corpus(con, [a, b, c]).unchanged == 3


def test_stored_facts_deals_and_companies_follow_the_extraction(con):
    hashes = load(con, Article(id="a1", text=TEXT, path="c/a1.txt", published="2025-01-02"))
    assert list(hashes) == ["a1"]

    store_batch(con, [NVIDIA_ACME], hashes, "v1")

    assert con.execute("SELECT kind, value, text, start_offset, end_offset, sentence, extractor_version, measure "
                       "FROM facts ORDER BY fact_index").fetchall() == [
        ("chips", 10_000, "10,000 H100 chips", 19, 36, TEXT, "v1", "count"),
        ("money", 1.5e9, "$1.5 billion", 54, 66, TEXT, "v1", "deal_value")]
    assert con.execute("SELECT type, status, parties, roles, kind, value FROM deal_facts "
                       "ORDER BY fact_index").fetchall() == [
        ("supply", "agreed", ["Acme", "Nvidia"], {"Nvidia": "supplier", "Acme": "customer"}, "chips", 10_000),
        ("supply", "agreed", ["Acme", "Nvidia"], {"Nvidia": "supplier", "Acme": "customer"}, "money", 1.5e9)]
    consolidate(con)
    assert con.execute("SELECT company_id, company, role, articles FROM deal_roles ORDER BY company").fetchall() == [
        ("acme", "Acme", "customer", 1), ("nvidia", "Nvidia", "supplier", 1)]
    assert con.execute("SELECT company, deals, deal_value_usd, chips FROM company_totals ORDER BY company").fetchall() == [
        ("Acme", 1, 1.5e9, 10_000), ("Nvidia", 1, 1.5e9, 10_000)]
    assert con.execute("SELECT c.name, a.alias FROM company_aliases a JOIN companies c USING (company_id) "
                       "ORDER BY 1").fetchall() == [("Acme", "Acme Corp"), ("Nvidia", "NVIDIA Corp")]
    assert articles_to_extract(con, "v1") == {}
    assert len(articles_to_extract(con, "v2")) == 1  # a new extractor version redoes every article
    for audit in (audits.ungrounded_facts, audits.implausible_facts, audits.unknown_companies, audits.malformed_deals):
        assert audit(con).ok
    assert audits.stale_extractions(con, "v1").ok


def test_a_failing_batch_keeps_what_was_stored_before(con):
    hashes = load(con, Article(id="a1", text=TEXT, path="c/a1.txt"))
    store_batch(con, [NVIDIA_ACME], hashes, "v1")
    before = con.execute("SELECT * FROM facts ORDER BY fact_index").fetchall()

    with pytest.raises(KeyError):  # the second article has no content hash: fails mid-batch
        store_batch(con, [ArticleFacts(id="a1"), ArticleFacts(id="unknown")], hashes, "v1")

    assert con.execute("SELECT * FROM facts ORDER BY fact_index").fetchall() == before
    assert con.execute("SELECT count(*) FROM companies").fetchone() == (2,)


def test_deleted_articles_lose_their_rows_and_orphaned_companies(con):
    hashes = load(con, Article(id="a1", text=TEXT, path="c/a1.txt"))
    store_batch(con, [NVIDIA_ACME], hashes, "v1")

    load_corpus(con, [])
    assert remove_vanished(con) == ["a1"]

    for table in ("facts", "article_deals", "article_deal_parties", "companies", "company_aliases", "article_companies"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


def test_each_batch_renames_only_the_companies_it_touches_and_ends_as_a_full_recount(con):
    def names(article_id: str, *companies: tuple[str, list[str]]) -> ArticleFacts:
        return ArticleFacts(id=article_id, companies=[Company(name=n, aliases=a) for n, a in companies])

    hashes = load(con, *(Article(id=i, text=TEXT, path=f"c/{i}.txt") for i in ("a1", "a2", "a3")))
    store_batch(con, [names("a1", ("Ropak Corp", ["Ropak Corp."]), ("Acme", []))], hashes, "v1")
    store_batch(con, [names("a2", ("Ropak", []), ("Zenith", ["Zenith Labs"])),
                      names("a3", ("Ropak", ["ROPAK"]))], hashes, "v1")
    assert con.execute("SELECT name FROM companies WHERE company_id = 'ropak'").fetchone() == ("Ropak",)
    # a re-extraction takes Zenith out of a2, and a1 now names Ropak as most articles will
    store_batch(con, [names("a2", ("Ropak Corp", [])), names("a1", ("Ropak Corp", []), ("Acme", ["Acme Inc"]))],
                hashes, "v1")

    stored = con.execute("SELECT company_id, name FROM companies ORDER BY 1").fetchall()
    assert stored == [("acme", "Acme"), ("ropak", "Ropak Corp")]
    recount = con.execute("""
        SELECT company_id, arg_min(name, (-articles, length(name), name)) FROM
        (SELECT company_id, name, count(*) AS articles FROM article_companies GROUP BY ALL) GROUP BY 1 ORDER BY 1
    """).fetchall()
    assert stored == recount
    assert con.execute("SELECT company_id, alias FROM company_aliases ORDER BY ALL").fetchall() == [
        ("acme", "Acme Inc"), ("ropak", "ROPAK")]


def test_audits_report_the_rows_that_break_each_rule(con):
    hashes = load(con, Article(id="a1", text=TEXT, path="c/a1.txt"))
    broken = NVIDIA_ACME.model_copy(update={
        "facts": [NVIDIA_ACME.facts[0].model_copy(update={"start": 18}),
                  NVIDIA_ACME.facts[1].model_copy(update={"value": 5e16})],
        "deals": [NVIDIA_ACME.deals[0].model_copy(update={"parties": [Party(name="Nvidia", role="supplier"),
                                                                        Party(name="Intel", role="customer")],
                                                           "facts": [0, 7]}),
                  # what a buggy extractor might store: Pydantic would refuse both faults
                  Deal.model_construct(type="investment", status="agreed", facts=[], text="Nvidia will", start=1,
                                       end=12, parties=[Party(name="Nvidia", role="supplier"),
                                                        Party(name="Acme", role="investee")])],
    })
    store_batch(con, [broken], hashes, "v1")

    assert [row[:2] for row in audits.ungrounded_facts(con).sample] == [("a1", 0)]
    assert [row[:2] for row in audits.implausible_facts(con).sample] == [("a1", 1)]
    assert sorted(row[2] for row in audits.unknown_companies(con).sample) == ["Intel", "fact 7"]
    assert sorted((row[1], row[3], row[4]) for row in audits.malformed_deals(con).sample) == [
        (1, "role not allowed for its type", "Nvidia: supplier"), (1, "text not at its offsets", "Nvidia will")]
    assert audits.unaccounted_files(con, ["c/a1.txt", "c/new.txt"]).sample == [
        ("c/new.txt", "read, but neither stored nor rejected")]
    load_corpus(con, [Article(id="a1", text=TEXT + " More.", path="c/a1.txt")])
    assert audits.stale_extractions(con, "v1").sample == [("a1", "text changed since extraction")]


def test_readers_open_read_only(tmp_path, con):
    with pytest.raises(WarehouseMissing):
        open_read_only(tmp_path / "absent.duckdb")
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    con.close()
    reader = open_read_only(path)
    with pytest.raises(duckdb.Error, match="read-only"):
        reader.execute("DELETE FROM facts")
    reader.close()


def test_every_column_says_what_it_holds_but_the_keys_and_bookkeeping(con):
    """DuckDB comments give units and meaning; the Dagster UI shows them in column schemas."""
    keys = {"article_id", "deal_id", "deal_index", "company_id", "extractor_version", "content_hash", "extracted_at",
            "path", "rejected_at", "version", "name", "applied_at"}
    silent = con.execute("""
        SELECT table_name || '.' || column_name FROM duckdb_columns()
        WHERE comment IS NULL AND NOT internal AND table_name <> 'schema_version'
              AND table_name IN (SELECT table_name FROM duckdb_tables() UNION ALL SELECT unnest(
                  ['deal_overview', 'deal_roles', 'deal_history', 'deals_by_month', 'company_totals']))
        ORDER BY 1""").fetchall()
    assert [c for (c,) in silent if c.split(".")[1] not in keys] == []
