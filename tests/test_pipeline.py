"""Materialising the real Definitions on a throwaway corpus: what users see in DuckDB when they
add, change and delete articles, and what the asset checks report."""
from __future__ import annotations

import subprocess

import dagster as dg
import duckdb

from extractors.extract import EXTRACTOR_VERSION, Extractor
from extractors.models import Article
from pipeline.definitions import defs
from pipeline.resources import from_environment

TABLES = ["articles", "rejected_files", "extractions", "companies", "company_aliases",
          "article_companies", "facts", "article_deals", "article_deal_parties", "deals", "deal_mentions",
          "deal_figures"]


def materialize(instance: dg.DagsterInstance, raise_on_error: bool = True) -> dg.ExecuteInProcessResult:
    """One run of the job users launch, configured from the DEALFACTS_* variables."""
    job = defs.resolve_job_def("refresh_warehouse")
    return job.execute_in_process(instance=instance, resources=from_environment(),
                                  raise_on_error=raise_on_error)


def metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    [event] = [m for m in result.asset_materializations_for_node("extract" if asset != "articles" else asset)
               if m.asset_key == dg.AssetKey(asset)]
    return {k: v.value for k, v in event.metadata.items()}


def checks(result: dg.ExecuteInProcessResult) -> dict[str, bool]:
    return {e.check_name: e.passed for e in result.get_asset_check_evaluations()}


def ids(markdown: str) -> set[str]:
    return {part.strip("` ") for part in markdown.split(",")} - {"none"}


def dump(ws) -> dict[str, list[tuple]]:
    return {t: sorted(ws.query(f"SELECT * FROM {t}"), key=str) for t in TABLES}


def test_materialising_stores_each_fact_with_its_provenance(workspace, instance):
    workspace.write_all()
    (workspace.corpus / "broken.json").write_text("{not json", encoding="utf-8")
    (workspace.corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n....")

    result = materialize(instance)

    assert result.success
    assert workspace.query("SELECT count(*) FROM articles") == [(3,)]
    rejected = dict(workspace.query("SELECT path, reason FROM rejected_files"))
    assert sorted(rejected) == [str(workspace.corpus / "broken.json"), str(workspace.corpus / "photo.txt")]
    assert "malformed JSON" in rejected[str(workspace.corpus / "broken.json")]
    assert "binary file" in rejected[str(workspace.corpus / "photo.txt")]
    # The warehouse holds exactly what the extractor finds in each article.
    extractor = Extractor()
    for article_id, (title, published, text) in sorted(workspace.articles.items()):
        expected = extractor.extract(Article(id=article_id, title=title, published=published, text=text))
        stored = workspace.query(
            "SELECT kind, value, low, high, qualifier, text, start_offset, end_offset, sentence, extractor_version, measure "
            "FROM facts WHERE article_id = ? ORDER BY fact_index", [article_id])
        assert stored == [(f.kind, f.value, f.low, f.high, f.qualifier, f.text, f.start, f.end, f.sentence,
                           EXTRACTOR_VERSION, f.measure) for f in expected.facts]
        assert all(text[start:end] == fact for _, _, _, _, _, fact, start, end, _, _, _ in stored)
        parties = workspace.query(
            "SELECT deal_index, list_sort(list(c.name)) FROM article_deal_parties JOIN companies c USING (company_id) "
            "WHERE article_id = ? GROUP BY deal_index ORDER BY deal_index", [article_id])
        assert parties == [(i, sorted(d.names)) for i, d in enumerate(expected.deals)]
    assert workspace.query("SELECT count(*) FROM facts WHERE article_id = 'openai-amd' AND kind = 'power'")[0][0] >= 1
    # Checks: everything holds, and the rejected files show up as a warning.
    assert checks(result) == {"no_article_dropped": True, "files_readable": False, "facts_grounded": True,
                              "facts_plausible": True, "facts_up_to_date": True, "deal_parties_known": True,
                              "deals_well_formed": True, "mentions_consolidated": True,
                              "consolidation_matches_scratch": True}
    assert "broken.json" in metadata(result, "articles")["rejected_files"]
    assert metadata(result, "facts")["dagster/row_count"] == workspace.query("SELECT count(*) FROM facts")[0][0]


def test_adding_changing_and_deleting_files_reextracts_only_those(workspace, instance):
    workspace.write_all()
    materialize(instance)
    before = dict(workspace.query("SELECT article_id, extracted_at FROM extractions"))

    workspace.write("openai-amd", "OpenAI and AMD", "2025-10-06",
                    "OpenAI will buy 2 gigawatts of AMD GPUs for $20 billion.")
    workspace.delete("anthropic-google")
    workspace.write("oracle-openai", "Oracle and OpenAI", "2025-09-10",
                    "Oracle signed a $300 billion contract with OpenAI for 4.5 gigawatts of capacity.")
    result = materialize(instance)

    facts = metadata(result, "facts")
    assert ids(facts["extracted_ids"]) == {"openai-amd", "oracle-openai"}
    assert ids(facts["removed_ids"]) == {"anthropic-google"}
    after = dict(workspace.query("SELECT article_id, extracted_at FROM extractions"))
    assert sorted(after) == ["microsoft-nvidia", "openai-amd", "oracle-openai"]
    assert after["microsoft-nvidia"] == before["microsoft-nvidia"]  # untouched article not re-run
    for table in ["articles", "facts", "article_deals", "article_deal_parties", "article_companies", "extractions",
                  "deal_mentions"]:
        assert workspace.query(f"SELECT count(*) FROM {table} WHERE article_id = 'anthropic-google'") == [(0,)]
    assert workspace.query("SELECT count(*) FROM companies WHERE name = 'Anthropic'") == [(0,)]
    changed = workspace.query("SELECT text FROM facts WHERE article_id = 'openai-amd' ORDER BY fact_index")
    assert ("2 gigawatts",) in changed and ("6 gigawatts",) not in changed
    assert all(checks(result).values())


def test_materialising_twice_changes_nothing(workspace, instance):
    workspace.write_all()
    materialize(instance)
    first = dump(workspace)

    result = materialize(instance)

    assert dump(workspace) == first
    assert metadata(result, "facts")["extracted"] == 0
    assert metadata(result, "articles")["unchanged"] == 3


def test_a_failed_run_leaves_the_previous_state(workspace, instance, monkeypatch):
    workspace.write_all()
    materialize(instance)
    first = dump(workspace)
    workspace.write("microsoft-nvidia", "Microsoft", "2025-11-01", "Microsoft will buy 5,000 Nvidia chips.")

    def broken(self, articles):
        raise RuntimeError("spaCy crashed")
        yield

    with monkeypatch.context() as patch:
        patch.setattr(Extractor, "extract_many", broken)
        result = materialize(instance, raise_on_error=False)

    assert not result.success
    after = dump(workspace)
    assert after.pop("articles") != first.pop("articles")  # the new text was loaded …
    assert after == first  # … but the facts, companies and deals from the old text remain

    result = materialize(instance)
    assert ids(metadata(result, "facts")["extracted_ids"]) == {"microsoft-nvidia"}
    assert all(checks(result).values())


def test_checks_fail_when_the_warehouse_is_wrong(workspace, instance):
    workspace.write_all()
    materialize(instance)
    with duckdb.connect(str(workspace.warehouse)) as con:
        con.execute("UPDATE facts SET start_offset = start_offset + 1 WHERE article_id = 'openai-amd' AND fact_index = 0")
        con.execute("UPDATE facts SET value = -5 WHERE article_id = 'microsoft-nvidia' AND fact_index = 0")
        con.execute("UPDATE article_deal_parties SET company_id = NULL WHERE article_id = 'anthropic-google'")
        con.execute("INSERT INTO articles SELECT * REPLACE ('ghost' AS article_id) FROM articles "
                    "WHERE article_id = 'openai-amd'")

    result = materialize(instance)

    outcome = checks(result)
    assert not outcome["facts_grounded"]
    assert not outcome["facts_plausible"]
    assert not outcome["deal_parties_known"]
    # the ghost row (no file of its own) was removed by the load, so nothing was dropped
    assert outcome["no_article_dropped"] and outcome["facts_up_to_date"]


def test_the_commands_users_run(workspace):
    """`dagster asset materialize … --select '*'`, then `dealfacts summary` and `dealfacts sql`."""
    workspace.write_all()
    run = subprocess.run([str(workspace.bin / "dagster"), "asset", "materialize", "-m", "pipeline.definitions",
                          "--select", "*"], env=workspace.env(), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]

    summary = subprocess.run([str(workspace.bin / "dealfacts"), "summary"], env=workspace.env(),
                             capture_output=True, text=True, check=True).stdout
    counts = dict(line.split() for line in summary.splitlines()[2:-1])
    facts = workspace.query("SELECT count(*) FROM facts")[0][0]
    assert counts["articles"] == "3" and counts["facts"] == str(facts) and int(counts["deals"]) >= 3

    sql = subprocess.run([str(workspace.bin / "dealfacts"), "sql", "--format", "csv",
                          "SELECT article_id, count(*) AS facts FROM facts GROUP BY 1 ORDER BY 1"],
                         env=workspace.env(), capture_output=True, text=True, check=True).stdout
    assert sql.splitlines()[0] == "article_id,facts"
    assert [line.split(",")[0] for line in sql.splitlines()[1:]] == sorted(
        a for (a,) in workspace.query("SELECT DISTINCT article_id FROM facts"))

    write = subprocess.run([str(workspace.bin / "dealfacts"), "sql", "DELETE FROM facts"], env=workspace.env(),
                           capture_output=True, text=True)
    assert write.returncode == 1 and "read-only" in write.stderr
    assert workspace.query("SELECT count(*) FROM facts")[0][0] == facts
