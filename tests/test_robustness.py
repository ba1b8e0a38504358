"""Hostile input, end to end: the real job materialised on a corpus of every kind of bad file,
then the DuckDB file and the run's log read back. Good articles are stored exactly, bad ones
are rejected with a reason (a row in `rejected_files` and a line in the log), nothing crashes
and the materialisation succeeds."""
from __future__ import annotations

import codecs
import gzip
import json
import os
import subprocess
from pathlib import Path

import dagster as dg
import pytest
from test_pipeline import checks, materialize

import extractors.readers
from extractors.readers import MAX_LINE_BYTES, MAX_TEXT_BYTES

DEAL = "Microsoft agreed to buy 100,000 Nvidia GB300 chips from Nvidia for $9.7 billion."
GERMAN = "Die Übernahme von Müller kostet 3 Mrd. Euro, sagte der Vorstand in München."
CURLY = "Nvidia’s “Blackwell” deal with Siemens is worth €2 billion — a record."
HOSTILE_IDS = ["reuters/2024/05/01/abc", "x'; DROP TABLE articles; --", "../../etc/passwd",
               'say "hi" \\ o\'clock']

PAGE = """<!doctype html><html><head><title>Oracle buys chips</title>
<style>body { color: red } .ad::after { content: "STYLE TEXT" }</style>
<script>document.write("SCRIPT TEXT"); if (a < b && c > d) {}</script></head>
<body><nav>NAV TEXT</nav><!-- COMMENT TEXT -->
<article><h1>Oracle buys chips</h1><p>Oracle will buy 131,072 GPUs for $40 billion.</p>
<script type="application/ld+json">{"@type": "Organization", "name": "JSONLD TEXT"}</script>
<p>It is <!-- INLINE COMMENT --> the largest order.</p></article>
<footer>FOOTER TEXT</footer></body></html>"""


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def write_hostile_corpus(corpus: Path) -> tuple[dict[str, str], dict[tuple[str, int | None], str]]:
    """Write the corpus; return the ids expected stored (with their text) and the rejections
    expected, (file name, line) -> a phrase of the reason."""
    stored = {
        "latin1": GERMAN, "cp1252": CURLY, "utf16": DEAL, "page": None,
        **{i: f"Article {n}: {DEAL}" for n, i in enumerate(HOSTILE_IDS)},
        "dup": "First copy wins.", "longline-ok": DEAL, "longtext-ok": DEAL,
        "mixed-1": DEAL, "mixed-3": DEAL, "mixed-5": DEAL,
    }
    (corpus / "latin1.txt").write_bytes(GERMAN.encode("latin-1"))
    (corpus / "cp1252.txt").write_bytes(CURLY.encode("cp1252"))
    (corpus / "utf16.md").write_bytes(codecs.BOM_UTF16_LE + f"---\nid: utf16\n---\n{DEAL}\n".encode("utf-16-le"))
    (corpus / "page.html").write_text(PAGE, encoding="utf-8")
    (corpus / "ids.jsonl").write_text(jsonl(*({"id": i, "text": f"Article {n}: {DEAL}"}
                                              for n, i in enumerate(HOSTILE_IDS))), encoding="utf-8")
    (corpus / "a").mkdir()
    (corpus / "b").mkdir()
    (corpus / "a" / "dup.md").write_text("---\nid: dup\n---\nFirst copy wins.\n", encoding="utf-8")
    (corpus / "b" / "dup.json").write_text(json.dumps({"id": "dup", "text": "Second copy loses."}), encoding="utf-8")

    rejected = {
        ("b/dup.json", None): f"duplicate id 'dup' (first seen in {corpus / 'a' / 'dup.md'})",
        ("empty.txt", None): "empty file",
        ("image.txt", None): "binary file (PNG image)",
        ("archive.jsonl", None): "binary file (gzip archive)",
        ("huge.jsonl", None): "file is 52,428,800 bytes, over the 20 MB limit",
        ("longline.jsonl", 1): "over the 1 MB limit",
        ("longtext.jsonl", 2): "over the 128 KB limit",
        ("bad-yaml.md", None): "invalid YAML front matter",
        ("list-yaml.md", None): "YAML front matter is not a mapping",
        ("python-tag.md", None): "invalid YAML front matter",
        ("broken.json", None): "malformed JSON",
        ("empty-array.json", None): "no articles in file",
        ("mixed.jsonl", 2): "malformed JSON",
        ("mixed.jsonl", 4): "expected a JSON object, found a JSON array",
        ("loop.txt", None): "symlink loop",
        ("secret.txt", None): "could not read file: Permission denied",
        ("vanishing.txt", None): "file vanished while reading",
    }
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "archive.jsonl").write_bytes(gzip.compress(jsonl({"id": "zipped", "text": DEAL}).encode()))
    with (corpus / "huge.jsonl").open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost no disk, and are never read
    (corpus / "longline.jsonl").write_text(
        jsonl({"id": "longline-big", "text": "x" * MAX_LINE_BYTES}, {"id": "longline-ok", "text": DEAL}),
        encoding="utf-8")
    (corpus / "longtext.jsonl").write_text(
        jsonl({"id": "longtext-ok", "text": DEAL}, {"id": "longtext-big", "text": "word " * MAX_TEXT_BYTES}),
        encoding="utf-8")
    (corpus / "bad-yaml.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    (corpus / "list-yaml.md").write_text("---\n- a\n- b\n---\nBody.\n", encoding="utf-8")
    pwned = corpus.parent / "PWNED"
    (corpus / "python-tag.md").write_text(
        f"---\n!!python/object/apply:os.system ['touch {pwned}']\n---\nBody.\n", encoding="utf-8")
    (corpus / "broken.json").write_text('{"id": "broken", "text": "unterminated', encoding="utf-8")
    (corpus / "empty-array.json").write_text("[]", encoding="utf-8")
    (corpus / "mixed.jsonl").write_text(
        jsonl({"text": DEAL}) + '{"id": "bad", "text": \n' + jsonl({"text": DEAL}, [1, 2], {"text": DEAL}),
        encoding="utf-8")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "secret.txt").write_text(DEAL, encoding="utf-8")
    (corpus / "vanishing.txt").write_text(DEAL, encoding="utf-8")
    return stored, rejected


@pytest.fixture
def hostile_readers(monkeypatch):
    """An unreadable file (the tests run as root, who can read anything, so `open` refuses
    instead) and a file deleted after the corpus was listed, just before it is read."""
    real_open, real_read_file = Path.open, extractors.readers.read_file

    def open_refusing_secret(self, mode="r", *args, **kwargs):
        if self.name == "secret.txt" and mode.startswith("r"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    def read_file_after_vanishing(path):
        if path.name == "vanishing.txt":
            path.unlink()
        return real_read_file(path)

    monkeypatch.setattr(Path, "open", open_refusing_secret)
    monkeypatch.setattr(extractors.readers, "read_file", read_file_after_vanishing)


def run_log(instance: dg.DagsterInstance, result: dg.ExecuteInProcessResult) -> str:
    return "\n".join(e.user_message for e in instance.all_logs(result.run_id))


def check_metadata(result: dg.ExecuteInProcessResult, name: str) -> dict:
    [evaluation] = [e for e in result.get_asset_check_evaluations() if e.check_name == name]
    return {k: v.value for k, v in evaluation.metadata.items()}


def test_hostile_corpus_stores_the_good_articles_and_rejects_the_rest_with_reasons(
        workspace, instance, hostile_readers):
    expected_stored, expected_rejected = write_hostile_corpus(workspace.corpus)

    result = materialize(instance)

    assert result.success
    stored = dict(workspace.query("SELECT article_id, text FROM articles"))
    assert sorted(stored) == sorted(expected_stored)
    assert all(stored[i] == text for i, text in expected_stored.items() if text)
    rows = workspace.query("SELECT path, line, reason FROM rejected_files ORDER BY path, line")
    rejected = {(str(Path(p).relative_to(workspace.corpus)), line): reason for p, line, reason in rows}
    assert sorted(rejected, key=str) == sorted(expected_rejected, key=str)
    for key, phrase in expected_rejected.items():
        assert phrase in rejected[key], key
    # Every rejection is a line of the run's log naming the file (and line) and the reason.
    log = run_log(instance, result)
    for path, line, reason in rows:
        assert f"rejected {path}{'' if line is None else f':{line}'}: {reason}" in log
    # Articles in = stored + rejected, counted file by file (JSONL lines, JSON items).
    outcome = checks(result)
    assert outcome["no_article_dropped"] and not outcome["files_readable"]
    counts = check_metadata(result, "no_article_dropped")
    assert counts["articles in"] == counts["stored"] + counts["rejected"] == len(expected_stored) + len(rows)
    assert outcome["facts_grounded"] and outcome["facts_up_to_date"] and outcome["deal_parties_known"]
    assert not (workspace.corpus.parent / "PWNED").exists()  # YAML loaded safely: nothing ran


def test_odd_encodings_html_and_hostile_ids_are_stored_verbatim(workspace, instance, hostile_readers):
    expected_stored, _ = write_hostile_corpus(workspace.corpus)
    before = sorted(p.relative_to(workspace.corpus.parent) for p in workspace.corpus.parent.rglob("*"))

    materialize(instance)

    encodings = dict(workspace.query("SELECT article_id, encoding FROM articles"))
    assert encodings["utf16"] == "utf-16" and encodings["page"] == encodings[HOSTILE_IDS[0]] == "utf-8"
    for article_id, text in (("latin1", GERMAN), ("cp1252", CURLY)):
        assert encodings[article_id] not in (None, "utf-8")  # the detected codec is recorded …
        assert text.encode(encodings[article_id]) == (workspace.corpus / f"{article_id}.txt").read_bytes()  # … and right
    [(page, title)] = workspace.query("SELECT text, title FROM articles WHERE article_id = 'page'")
    assert title == "Oracle buys chips"
    assert page == "Oracle buys chips\nOracle will buy 131,072 GPUs for $40 billion.\nIt is the largest order."
    # Ids with slashes, quotes and SQL are rows like any other, with their facts …
    for article_id in HOSTILE_IDS:
        assert workspace.query("SELECT count(*) FROM articles WHERE article_id = ?", [article_id]) == [(1,)]
        assert workspace.query("SELECT count(*) FROM facts WHERE article_id = ?", [article_id])[0][0] >= 2
    # … the tables they name are intact, and no file was written anywhere under an id.
    assert workspace.query("SELECT count(*) FROM articles")[0][0] == len(expected_stored)
    after = sorted(p.relative_to(workspace.corpus.parent) for p in workspace.corpus.parent.rglob("*")
                   if not p.is_relative_to(workspace.warehouse.parent) and not p.is_relative_to(workspace.dagster_home))
    assert [p for p in after if p not in before] == []


def test_duplicate_ids_keep_the_first_file_in_path_order_on_every_run(workspace, instance):
    (workspace.corpus / "2024").mkdir()
    (workspace.corpus / "2024" / "deal.md").write_text("---\nid: deal\n---\nNewer copy.\n", encoding="utf-8")
    (workspace.corpus / "2023-deal.jsonl").write_text(jsonl({"id": "deal", "text": "Older copy."}), encoding="utf-8")

    first = materialize(instance)
    (workspace.corpus / "2024" / "deal.md").touch()  # a newer file does not win either
    second = materialize(instance)

    assert workspace.query("SELECT text FROM articles WHERE article_id = 'deal'") == [("Older copy.",)]
    later = str(workspace.corpus / "2024" / "deal.md")
    reason = f"duplicate id 'deal' (first seen in {workspace.corpus / '2023-deal.jsonl'}:1)"
    assert workspace.query("SELECT path, reason FROM rejected_files") == [(later, reason)]
    for result in (first, second):
        assert f"rejected {later}: {reason}" in run_log(instance, result)
        assert checks(result)["no_article_dropped"]


def test_a_silently_dropped_jsonl_line_fails_no_article_dropped(workspace, instance, monkeypatch):
    (workspace.corpus / "wire.jsonl").write_text(jsonl(*({"id": f"w{n}", "text": DEAL} for n in range(3))),
                                                 encoding="utf-8")
    real_parse = extractors.readers._PARSERS[".jsonl"]

    def parse_dropping_the_last_line(*args):
        yield from list(real_parse(*args))[:-1]

    monkeypatch.setitem(extractors.readers._PARSERS, ".jsonl", parse_dropping_the_last_line)
    result = materialize(instance)

    assert not checks(result)["no_article_dropped"]
    counts = check_metadata(result, "no_article_dropped")
    assert (counts["articles in"], counts["stored"], counts["rejected"], counts["failing"]) == (3, 2, 0, 1)
    assert "holds 3 articles, but 2 stored and 0 rejected" in check_metadata(result, "no_article_dropped")["examples"]


def write_unreadable_kinds(corpus: Path) -> dict[str, str]:
    """Files of every kind the readers used to raise on, next to a good one; returns file
    name -> a phrase of its rejection reason."""
    (corpus / "good.md").write_text(f"---\nid: good\n---\n{DEAL}\n", encoding="utf-8")
    (corpus / "deep.json").write_text("[" * 20_000 + "]" * 20_000, encoding="utf-8")
    (corpus / "deep.jsonl").write_text(jsonl({"id": "line-ok", "text": DEAL}) + '{"x": ' + "[" * 20_000
                                       + "]" * 20_000 + "}\n", encoding="utf-8")
    (corpus / "deep-yaml.md").write_text("---\ntitle: " + "{a: " * 5_000 + "1" + "}" * 5_000 + f"\n---\n{DEAL}\n",
                                         encoding="utf-8")
    (corpus / "surrogate.json").write_text('{"id": "s", "title": "\\udc80", "text": "x"}', encoding="utf-8")
    (corpus / "feb30.md").write_text(f"---\npublished: 2025-02-30\n---\n{DEAL}\n", encoding="utf-8")
    (corpus / "int.md").write_text(f"---\nid: !!int abc\n---\n{DEAL}\n", encoding="utf-8")
    (corpus / "long-id.jsonl").write_text(jsonl({"id": "i" * 5_000, "text": DEAL}), encoding="utf-8")
    (corpus / "bomb.md").write_text("---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
        + f"title: *i\n---\n{DEAL}\n", encoding="utf-8")
    with open(os.fsencode(corpus) + b"/r\xe9sum\xe9.txt", "wb") as f:
        f.write(DEAL.encode())
    return {"deep.json": "nested too deeply", "deep.jsonl": "nested too deeply", "deep-yaml.md": "nested too deeply",
            "surrogate.json": "lone surrogate", "feb30.md": "day is out of range", "int.md": "invalid literal",
            "long-id.jsonl": "over the 200-character limit", "bomb.md": "the title is a list",
            "r\\xe9sum\\xe9.txt": "not valid UTF-8"}


def test_files_the_readers_used_to_raise_on_are_rejected_and_the_run_succeeds(workspace, instance):
    expected = write_unreadable_kinds(workspace.corpus)

    result = materialize(instance)

    assert result.success
    assert sorted(workspace.query("SELECT article_id FROM articles")) == [("good",), ("line-ok",)]
    rows = workspace.query("SELECT path, line, reason FROM rejected_files")
    reasons = {Path(p).name: reason for p, _, reason in rows}
    assert sorted(reasons) == sorted(expected)
    for name, phrase in expected.items():
        assert phrase in reasons[name], name
    outcome = checks(result)
    assert outcome["no_article_dropped"] and outcome["facts_up_to_date"] and not outcome["files_readable"]


def test_dealfacts_extract_prints_the_good_articles_and_never_a_traceback(workspace):
    expected = write_unreadable_kinds(workspace.corpus)

    run = subprocess.run([str(workspace.bin / "dealfacts"), "extract", str(workspace.corpus)],
                         capture_output=True, text=True, timeout=300)

    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert sorted(json.loads(line)["id"] for line in run.stdout.splitlines()) == ["good", "line-ok"]
    assert len(run.stderr.splitlines()) == len(expected)
    for name, phrase in expected.items():
        assert any(name in line and phrase in line for line in run.stderr.splitlines()), name
