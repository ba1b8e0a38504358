"""`dealfacts extract` and `dealfacts schema` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DEALFACTS = Path(sys.executable).parent / "dealfacts"
STORY = "Oracle agreed to buy 50,000 Nvidia H100 GPUs for $2.5 billion, the companies said."


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([DEALFACTS, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_extract_prints_one_json_object_per_article(tmp_path):
    (tmp_path / "a.md").write_text(f"---\ntitle: Oracle buys GPUs\nurl: https://example.com/a\n"
                                   f"published: Nov 3, 2025 2:05 PM EST\n---\n{STORY}\n")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "b", "title": "Feed story", "text": STORY}) + "\n"
        + json.dumps({"id": "c", "text": "Tesla will spend $5 billion on 2 GW of solar."}) + "\n")
    done = run("extract", str(tmp_path))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    a = rows[0]
    assert (a["title"], a["url"]) == ("Oracle buys GPUs", "https://example.com/a")
    # the date as written, and as a UTC timestamp; none where the article gives none
    assert (a["published"], a["published_at"]) == ("Nov 3, 2025 2:05 PM EST", "2025-11-03T19:05:00")
    assert (rows[1]["published"], rows[1]["published_at"]) == (None, None)
    kinds = {(f["kind"], f["value"]) for f in a["facts"]}
    assert kinds == {("chips", 50000.0), ("money", 2.5e9)}
    assert {c["name"] for c in a["companies"]} == {"Oracle", "Nvidia"}
    assert a["deals"] == [{"type": "supply", "status": "agreed", "facts": [0, 1],
                           "parties": [{"name": "Oracle", "role": "customer"}, {"name": "Nvidia", "role": "supplier"}],
                           "text": "Oracle agreed to buy 50,000 Nvidia H100 GPUs for $2.5 billion", "start": 0, "end": 61}]
    chips = next(f for f in a["facts"] if f["kind"] == "chips")
    assert STORY[chips["start"]:chips["end"]] == chips["text"] == "50,000 Nvidia H100 GPUs"
    assert (chips["chip"], chips["vendor"]) == ("H100", "Nvidia")
    assert {(f["kind"], f["value"]) for f in rows[2]["facts"]} == {("money", 5e9), ("power", 2e9)}
    # what each figure is of: the price of the GPUs is the deal's value; Tesla's spending its own
    assert {(f["kind"], f["measure"]) for f in a["facts"]} == {("chips", "count"), ("money", "deal_value")}
    assert {(f["kind"], f["measure"]) for f in rows[2]["facts"]} == {("money", "capex"), ("power", "capacity")}


def test_worker_processes_print_what_one_process_prints_in_the_same_order(tmp_path):
    stories = [{"id": f"s{n}", "text": f"Acme Corp {n} will buy {n},000 Nvidia H100 GPUs for ${n} billion."}
               for n in range(1, 140)]  # more than two chunks of 64, so both workers take some
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories))
    one, two = run("extract", str(tmp_path)), run("extract", "--processes", "2", str(tmp_path))
    assert one.returncode == two.returncode == 0, two.stderr
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) == len(stories)


def test_stdin_and_table_format():
    done = run("extract", "--format", "table", "-", stdin=STORY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("== stdin")
    assert "50,000" in done.stdout and "2,500,000,000" in done.stdout
    assert "money exact     deal_value" in done.stdout and "chips exact     count" in done.stdout
    assert "deal: supply agreed: Oracle (customer), Nvidia (supplier)  facts [0, 1]" in done.stdout


def test_rejected_files_are_named_on_stderr_and_the_rest_still_extracted(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "ok", "text": STORY}) + "\n{not json\n")
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    done = run("extract", str(tmp_path))
    assert done.returncode == 1
    assert sorted(json.loads(line)["id"] for line in done.stdout.splitlines()) == ["good", "ok"]
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 4
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.md" in e and "binary" in e for e in errors)
    assert any("feed.jsonl:2" in e and "JSON" in e for e in errors)
    assert any("huge.txt" in e and "limit" in e for e in errors)


def test_schema_describes_the_records():
    done = run("schema")
    schema = json.loads(done.stdout)
    fact = schema["$defs"]["Fact"]["properties"]
    assert {"kind", "value", "low", "high", "qualifier", "currency", "per", "chip", "vendor", "measure",
            "companies", "text", "start", "end", "sentence"} <= set(fact)
    assert set(fact["measure"]["enum"]) == {"deal_value", "price_per_share", "valuation", "revenue", "capex", "fee",
                                            "capacity", "count", "other"}
    assert set(schema["properties"]) == {"id", "title", "url", "published", "published_at", "companies", "facts",
                                         "deals"}
    assert schema["properties"]["published_at"]["anyOf"][0] == {"format": "date-time", "type": "string"}
