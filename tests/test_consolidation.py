"""Consolidating article deals into real-world deals: the rules on mentions of our own, and the
warehouse kept by incremental consolidation equal to one consolidated from scratch."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from test_pipeline import checks, materialize

from extractors.models import Article, ArticleFacts, Company, Deal, Fact
from warehouse import audits, schema
from warehouse.articles import load_corpus
from warehouse.consolidation import Figure, Mention, Party, assign, consolidate, status
from warehouse.extractions import articles_to_extract, remove_vanished, store_batch

ROLES = {"acquisition": ("buyer", "target"), "investment": ("investor", "investee"), "supply": ("supplier", "customer")}


def mention(article: str, date: str | None, kind: str = "acquisition", state: str = "agreed",
            companies: tuple[str, ...] = ("Maple", "Birch"), roles: tuple[str, ...] | None = None,
            usd: float | None = None, index: int = 0) -> Mention:
    roles = roles or ROLES[kind]
    figures = (Figure("money", "deal_value", usd, None, None, "exact", "USD", None),) if usd else ()
    return Mention(article, index, kind, state, date and datetime.fromisoformat(date),
                   tuple(Party(c.lower(), c, r) for c, r in zip(companies, roles)), figures)


def deals(*mentions: Mention) -> list[set[str]]:
    """The consolidated deals as sets of article ids (plus index where an article has several)."""
    grouped: dict[str, set[str]] = {}
    for (article, index), deal in assign(mentions).items():
        grouped.setdefault(deal, set()).add(article if index == 0 else f"{article}#{index}")
    return sorted(grouped.values(), key=sorted)


def test_reports_of_one_deal_from_talks_to_completion_are_one_deal():
    reports = [mention("talks", "2024-01-10", state="proposed"), mention("agreed", "2024-03-01", usd=2.6e9),
               mention("raised", "2024-06-01", usd=4.5e9), mention("closed", "2025-02-01", state="completed"),
               mention("undated", None, companies=("Maple", "Birch"))]
    assert deals(*reports) == [{"agreed", "closed", "raised", "talks", "undated"}]
    assert status(reports) == "completed"


def test_a_party_named_only_by_some_reports_still_joins():
    assert deals(mention("a", "2024-01-01"), mention("b", "2024-01-02", companies=("Maple", "Birch", "Oak"),
                                                     roles=("buyer", "target", "seller"))) == [{"a", "b"}]


@pytest.mark.parametrize("other, why", [
    (mention("b", "2024-02-01", kind="investment"), "another type"),
    (mention("b", "2024-02-01", roles=("target", "buyer")), "roles swapped: the target buys the buyer"),
    (mention("b", "2027-03-01"), "three years later"),
    (mention("b", "2024-02-01", usd=9e9), "a deal value more than twice the other"),
    (mention("b", "2024-02-01", companies=("Maple", "Cedar")), "another target"),
    (mention("a", "2024-01-01", index=1), "a second deal of the same article"),
])
def test_what_keeps_two_mentions_apart(other, why):
    assert len(deals(mention("a", "2024-01-01", usd=3e9), other)) == 2, why


def test_talks_reported_after_an_agreement_are_a_new_round():
    first = [mention("signed", "2023-09-25", kind="investment"), mention("closed", "2024-03-27", kind="investment",
                                                                         state="completed")]
    later = mention("new-talks", "2024-11-08", kind="investment", state="proposed")
    recap = mention("new-talks", "2024-11-08", kind="investment", state="completed", index=1)
    assert deals(*first, later, recap) == [{"closed", "new-talks#1", "signed"}, {"new-talks"}]


def test_the_latest_report_of_a_termination_ends_the_deal():
    reports = [mention("agreed", "2020-09-13"), mention("ended", "2022-02-08", state="terminated")]
    assert deals(*reports) == [{"agreed", "ended"}]
    assert status(reports) == "terminated"
    assert status([*reports, mention("undated", None, state="agreed")]) == "terminated"


def test_order_of_the_input_does_not_matter():
    reports = [mention(f"r{i}", f"2024-0{i}-01", companies=("Maple", "Birch") if i % 2 else ("Maple", "Cedar"))
               for i in range(1, 8)]
    assert assign(reports) == assign(reversed(reports))


# The warehouse: articles stored, extracted (by hand here: no spaCy) and consolidated.

def article(article_id: str, published: str, text: str, buyer: str, target: str, state: str = "agreed",
            price: str | None = None, value: float | None = None) -> tuple[Article, ArticleFacts]:
    facts = []
    if price:
        start = text.index(price)
        facts = [Fact(kind="money", value=value, currency="USD", text=price, start=start, end=start + len(price),
                      sentence=text, companies=[buyer], measure="deal_value")]
    deal = Deal(type="acquisition", status=state, parties=[{"name": buyer, "role": "buyer"},
                                                           {"name": target, "role": "target"}],
                facts=list(range(len(facts))), text=text, start=0, end=len(text))
    return (Article(id=article_id, text=text, published=published, path=f"{article_id}.txt"),
            ArticleFacts(id=article_id, companies=[Company(name=buyer), Company(name=target)], facts=facts,
                         deals=[deal]))


CORPUS = [
    article("maple-talks", "2024-01-10", "Maple Corp is in talks to buy Birch.", "Maple", "Birch", "proposed"),
    article("maple-agrees", "2024-03-01", "Maple agreed to buy Birch Inc for $2.6 billion.", "Maple", "Birch",
            price="$2.6 billion", value=2.6e9),
    article("maple-cedar", "2024-03-05", "Maple agreed to buy Cedar for $1 billion.", "Maple", "Cedar",
            price="$1 billion", value=1e9),
    article("birch-closes", "2024-09-01", "MAPLE completed its purchase of Birch for $2.65 billion.", "MAPLE",
            "Birch", "completed", price="$2.65 billion", value=2.65e9),
    article("oak-elm", "2024-04-01", "Oak will buy Elm.", "Oak", "Elm"),
]


def warehouse(path: Path, pairs) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    schema.migrate(con)
    store(con, pairs)
    return con


def store(con: duckdb.DuckDBPyConnection, pairs) -> None:
    load_corpus(con, [a for a, _ in pairs])
    remove_vanished(con)
    todo = {a.id: h for h, a in articles_to_extract(con, "v1").items()}
    store_batch(con, [facts for a, facts in pairs if a.id in todo], todo, "v1")


def tables(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("deals", "deal_mentions", "deal_figures")}


def test_the_warehouse_holds_each_real_world_deal_once_with_its_history(tmp_path):
    con = warehouse(tmp_path / "w.duckdb", CORPUS)
    consolidate(con)

    assert con.execute("SELECT parties, status, articles, first_reported::DATE::VARCHAR, "
                       "last_reported::DATE::VARCHAR, figures_disagree FROM deal_overview ORDER BY parties").fetchall() == [
        ("Maple (buyer), Birch (target)", "completed", 3, "2024-01-10", "2024-09-01", True),
        ("Maple (buyer), Cedar (target)", "agreed", 1, "2024-03-05", "2024-03-05", False),
        ("Oak (buyer), Elm (target)", "agreed", 1, "2024-04-01", "2024-04-01", False)]
    assert con.execute("SELECT value, f.articles FROM deal_figures f JOIN deal_roles USING (deal_id) "
                       "WHERE company = 'Birch' ORDER BY value").fetchall() == [
        (2.6e9, ["maple-agrees"]), (2.65e9, ["birch-closes"])]
    assert con.execute("SELECT article_id, h.status FROM deal_history h JOIN deal_roles USING (deal_id) "
                       "WHERE company = 'Birch' ORDER BY published_at").fetchall() == [
        ("maple-talks", "proposed"), ("maple-agrees", "agreed"), ("birch-closes", "completed")]
    # Maple's deals count once each, however many articles report them
    assert con.execute("SELECT deals, articles FROM company_totals WHERE company_id = 'maple'").fetchall() == [(2, 4)]
    assert audits.unconsolidated_mentions(con).ok and audits.consolidation_drift(con).ok


def test_adding_changing_and_removing_articles_consolidates_as_from_scratch(tmp_path):
    con = warehouse(tmp_path / "incremental.duckdb", CORPUS[:2] + CORPUS[4:])
    consolidate(con)
    untouched = con.execute("SELECT * FROM deals WHERE articles = 1 AND list_contains(parties, "
                            "{'company_id': 'oak', 'company': 'Oak', 'role': 'buyer'})").fetchall()
    steps = [CORPUS, CORPUS[1:], [CORPUS[0], *CORPUS[2:], article("maple-agrees", "2024-03-02",
                                                                  "Maple will buy Birch.", "Maple", "Birch")]]
    for step in steps:
        store(con, step)
        done = consolidate(con)
        assert done.mentions < len(step)  # the Oak–Elm deal is not touched
        with warehouse(tmp_path / f"scratch-{steps.index(step)}.duckdb", step) as scratch:
            consolidate(scratch, from_scratch=True)
            assert tables(con) == tables(scratch)
        assert audits.consolidation_drift(con).ok
    assert con.execute("SELECT * FROM deals WHERE deal_id = ?", [untouched[0][0]]).fetchall() == untouched


def test_audits_find_mentions_out_of_place(tmp_path):
    con = warehouse(tmp_path / "w.duckdb", CORPUS)
    assert [row[3] for row in audits.unconsolidated_mentions(con).sample] == ["in no deal"] * 5
    consolidate(con)
    con.execute("UPDATE deal_mentions SET deal_id = 'nowhere' WHERE article_id = 'oak-elm'")
    found = sorted(row[3] for row in audits.unconsolidated_mentions(con).sample)
    assert found == ["deal without a mention", "no such deal"]
    assert [row[0] for row in audits.consolidation_drift(con).sample] == ["oak-elm"]
    consolidate(con)  # a link to a deal that is gone is consolidated again
    assert audits.unconsolidated_mentions(con).ok and audits.consolidation_drift(con).ok
    con.execute("DELETE FROM deal_mentions WHERE article_id = 'oak-elm'")
    assert consolidate(con).deals_deleted == 1  # its deal, now without a mention, is replaced
    assert audits.unconsolidated_mentions(con).ok and audits.consolidation_drift(con).ok


# The real job on a corpus of its own: three reports of one acquisition, a supply deal between
# the same two companies, and an unrelated deal.
STORIES = {
    "talks": ("Maple in talks to buy Birch", "2024-01-10",
              "Maple Corp is in talks to acquire Birch Inc, people familiar with the matter said."),
    "agreed": ("Maple to buy Birch for $2.6 billion", "2024-03-01",
               "Maple Corp agreed to acquire Birch Inc for $2.6 billion in cash, the companies said on Friday."),
    "supply": ("Birch to supply Maple", "2024-03-05",
               "Birch Inc will supply 5,000 GPUs to Maple Corp under a contract signed on Tuesday."),
    "other": ("Oak buys Elm", "2024-04-01", "Oak Holdings agreed to acquire Elm Systems Inc for $300 million."),
}
CLOSED = ("Maple completes Birch deal", "2024-09-02",
          "Maple Corp completed its acquisition of Birch Inc for $2.6 billion on Monday.")


def test_the_job_consolidates_what_it_extracts_and_a_new_report_moves_the_deal_on(workspace, instance, tmp_path,
                                                                                  monkeypatch):
    for article_id, story in STORIES.items():
        workspace.write(article_id, *story)
    assert materialize(instance).success
    overview = "SELECT parties, type, status, articles, value_usd FROM deal_overview ORDER BY parties, type"
    assert workspace.query(overview) == [
        ("Birch (supplier), Maple (customer)", "supply", "agreed", 1, None),
        ("Maple (buyer), Birch (target)", "acquisition", "agreed", 2, 2.6e9),
        ("Oak (buyer), Elm Systems (target)", "acquisition", "agreed", 1, 3e8)]

    workspace.write("closed", *CLOSED)
    result = materialize(instance)

    assert all(checks(result).values())
    [event] = result.asset_materializations_for_node("consolidated_deals")
    assert event.metadata["mentions consolidated"].value == 3  # the new report and the deal it joins
    assert workspace.query(overview)[1] == ("Maple (buyer), Birch (target)", "acquisition", "completed", 3, 2.6e9)
    assert workspace.query("SELECT deals FROM company_totals WHERE company_id = 'maple'") == [(2,)]
    incremental = {t: workspace.query(f"SELECT * FROM {t} ORDER BY ALL") for t in ("deals", "deal_mentions", "deal_figures")}
    # the same corpus into a new warehouse, consolidated from scratch
    workspace.warehouse = tmp_path / "scratch" / "dealfacts.duckdb"
    monkeypatch.setenv("DEALFACTS_WAREHOUSE", str(workspace.warehouse))
    assert materialize(instance).success
    assert {t: workspace.query(f"SELECT * FROM {t} ORDER BY ALL") for t in incremental} == incremental


def test_a_short_name_another_article_gives_as_an_alias_is_that_company(tmp_path):
    long_name, short = CORPUS[1], article("short", "2024-03-02", "Maple agreed to buy Birchwood for $2.6 billion.",
                                         "Maple", "Birchwood", price="$2.6 billion", value=2.6e9)
    named = long_name[1].model_copy(update={"companies": [Company(name="Maple"),
                                                          Company(name="Birch", aliases=["Birchwood"])]})
    con = warehouse(tmp_path / "w.duckdb", [(long_name[0], named), short])
    consolidate(con)
    assert con.execute("SELECT parties, articles FROM deal_overview").fetchall() == [("Maple (buyer), Birch (target)", 2)]
    # without the alias, two companies and two deals
    con = warehouse(tmp_path / "apart.duckdb", [CORPUS[1], short])
    consolidate(con)
    assert con.execute("SELECT count(*) FROM deals").fetchone() == (2,)
