"""Reading a corpus: every format a user may hand over, and every way a file can be unusable."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from extractors.models import Article, Rejection
from extractors.readers import (
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    MAX_TEXT_BYTES,
    SUPPORTED_SUFFIXES,
    read_file,
    read_paths,
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def only_article(items) -> Article:
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_rejection(items, path: Path | str) -> Rejection:
    """The single rejection, checked to name the file, as a user reading the log would need."""
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert items[0].path == str(path)
    assert str(items[0]).startswith(str(path))
    return items[0]


def test_supported_suffixes_and_limits():
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}
    assert MAX_FILE_BYTES == 20 * 1024 * 1024
    assert MAX_LINE_BYTES == 1024 * 1024
    assert MAX_TEXT_BYTES == 128 * 1024


# --- plain text and Markdown -------------------------------------------------------------


def test_plain_text_article_is_id_by_file_stem(tmp_path):
    path = write(tmp_path / "nvidia-deal.txt", "\n\nNvidia  buys   Arm.\r\nSecond line.\n\n  \n")
    article = only_article(read_file(path))
    assert article.id == "nvidia-deal"
    assert (
        article.text == "Nvidia  buys   Arm.\r\nSecond line."
    )  # inner spacing and CRLF kept: offsets point here
    assert article.path == str(path)
    assert article.encoding == "utf-8"
    assert article.title is None


def test_markdown_front_matter_fills_the_fields_and_is_not_part_of_the_text(tmp_path):
    path = write(
        tmp_path / "a.md",
        "---\ntitle: Microsoft signs 10 GW deal\nurl: https://example.com/a\n"
        "published: 2024-05-01\nsource: Example News\nid: ex/2024'05\n---\n\n"
        "  Microsoft agreed to buy *10 GW* of power.\n",
    )
    article = only_article(read_file(path))
    assert article.id == "ex/2024'05"
    assert article.title == "Microsoft signs 10 GW deal"
    assert article.url == "https://example.com/a"
    assert article.published == "2024-05-01"
    assert article.source == "Example News"
    assert article.text == "  Microsoft agreed to buy *10 GW* of power."


def test_front_matter_timestamp_becomes_iso_and_crlf_front_matter_is_read(tmp_path):
    path = write(tmp_path / "b.txt", "---\r\npublished: 2024-05-01 10:30:00\r\n---\r\nBody.\r\n")
    article = only_article(read_file(path))
    assert article.published == "2024-05-01T10:30:00"
    assert article.text == "Body."


def test_empty_front_matter_is_allowed(tmp_path):
    article = only_article(read_file(write(tmp_path / "c.md", "---\n---\nJust the body.")))
    assert (article.id, article.text, article.title) == ("c", "Just the body.", None)


def test_plain_text_headline_is_the_title_and_stays_in_the_text(tmp_path):
    text = "Nvidia to invest $5bn in Intel\n\nNvidia said on Thursday it would invest $5 billion in Intel."
    article = only_article(read_file(write(tmp_path / "nvidia.txt", text + "\n")))
    assert (article.title, article.text) == ("Nvidia to invest $5bn in Intel", text)
    given = only_article(read_file(write(tmp_path / "given.txt", "---\ntitle: Given\n---\n" + text)))
    assert (given.title, given.text) == ("Given", text)
    wrapped = "Showers continued throughout the week in\nthe Bahia cocoa zone.\n\nMore."
    assert only_article(read_file(write(tmp_path / "wrapped.txt", wrapped))).title is None


def test_front_matter_dates_are_read_as_utc_timestamps(tmp_path):
    aware = only_article(read_file(write(tmp_path / "a.md", "---\npublished: 2024-05-01 10:30:00+02:00\n---\nBody.")))
    assert aware.published_at == dt.datetime(2024, 5, 1, 8, 30)
    day = only_article(read_file(write(tmp_path / "b.md", "---\npublished: 2024-05-01\n---\nBody.")))
    assert (day.published, day.published_at) == ("2024-05-01", dt.datetime(2024, 5, 1))


@pytest.mark.parametrize(
    ("front_matter", "cause"),
    [
        ("title: [unclosed\n", "invalid YAML front matter"),
        ("- a\n- list\n", "YAML front matter is not a mapping"),
        ("just a string\n", "YAML front matter is not a mapping"),
    ],
)
def test_bad_front_matter_is_rejected(tmp_path, front_matter, cause):
    path = write(tmp_path / "bad.md", f"---\n{front_matter}---\nBody.\n")
    assert cause in only_rejection(read_file(path), path).reason


def test_unclosed_front_matter_is_rejected(tmp_path):
    path = write(tmp_path / "open.md", "---\ntitle: x\nBody without a closing fence.\n")
    assert "never closed" in only_rejection(read_file(path), path).reason


def test_python_tag_in_front_matter_is_rejected_and_runs_nothing(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    marker = tmp_path / "pwned"
    path = write(
        tmp_path / "evil.md",
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nBody.\n",
    )
    rejection = only_rejection(read_file(path), path)
    assert "invalid YAML front matter" in rejection.reason
    assert "python/object/apply:os.system" in rejection.reason
    assert calls == [] and not marker.exists()


def test_front_matter_without_body_has_no_text(tmp_path):
    path = write(tmp_path / "empty-body.md", "---\ntitle: Only a title\n---\n\n")
    assert only_rejection(read_file(path), path).reason == "article has no text"


def test_article_text_over_the_limit_is_rejected_and_at_it_is_read(tmp_path):
    path = write(tmp_path / "huge.txt", "é" * (MAX_TEXT_BYTES // 2) + "x")  # bytes of UTF-8 count, not characters
    reason = only_rejection(read_file(path), path).reason
    assert reason == "article text is 131,073 bytes, over the 128 KB limit (131,072 bytes): split it into articles"
    path = write(tmp_path / "long.txt", "x" * MAX_TEXT_BYTES)
    assert only_article(read_file(path)).text == "x" * MAX_TEXT_BYTES


# --- HTML ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>  Oracle   buys chips </title>
  <link rel="canonical" href="https://example.com/oracle">
  <meta property="article:published_time" content="2024-06-01T08:00:00Z">
  <style>p { color: red }</style>
  <script>var tracking = "SCRIPT TEXT";</script>
</head><body>
  <header><nav>Home | World | NAV TEXT</nav></header>
  <aside>ASIDE TEXT</aside>
  <article>
    <h1>Oracle buys chips</h1>
    <!-- COMMENT TEXT -->
    <p>Oracle will buy
       131,072 GPUs.</p><p>The deal is worth $40 <b>billion</b>.</p>
    <ul><li>First</li><li>Second</li></ul>
    <noscript>NOSCRIPT TEXT</noscript>
    <form>FORM TEXT</form>
    <svg><title>SVG TEXT</title></svg>
    <template>TEMPLATE TEXT</template>
    <iframe src="x">IFRAME TEXT</iframe>
  </article>
  <p>Outside the article.</p>
  <footer>FOOTER TEXT</footer>
</body></html>"""


def test_html_keeps_only_the_article_text_one_block_per_line(tmp_path):
    path = write(tmp_path / "oracle.html", PAGE)
    article = only_article(read_file(path))
    assert article.text == (
        "Oracle buys chips\nOracle will buy 131,072 GPUs.\nThe deal is worth $40 billion.\n"
        "First\nSecond"
    )
    assert article.id == "oracle"
    assert article.title == "Oracle buys chips"
    assert article.url == "https://example.com/oracle"
    assert article.published == "2024-06-01T08:00:00Z"


def test_html_falls_back_to_main_og_url_time_and_h1(tmp_path):
    path = write(
        tmp_path / "x.htm",
        '<html><head><meta property="og:url" content="https://example.com/x"></head><body>'
        '<header><h1>Headline</h1><time datetime="2024-01-02">2 Jan</time></header>'
        "<main><div>One</div><div>Two<br>Three</div></main><div>Sidebar</div></body></html>",
    )
    article = only_article(read_file(path))
    assert (article.title, article.url, article.published) == (
        "Headline",
        "https://example.com/x",
        "2024-01-02",
    )
    assert article.text == "One\nTwo\nThree"


def test_html_without_article_or_main_uses_the_body(tmp_path):
    path = write(
        tmp_path / "plain.html", "<html><body><nav>Menu</nav><p>Body text.</p></body></html>"
    )
    article = only_article(read_file(path))
    assert article.text == "Body text."
    assert article.title is None


def test_html_with_only_boilerplate_has_no_text(tmp_path):
    path = write(
        tmp_path / "nav.html", "<html><body><nav>Menu</nav><script>x()</script></body></html>"
    )
    assert only_rejection(read_file(path), path).reason == "article has no text"


def html_page(head: str, body: str = "<article><p>Nvidia will invest $5 billion in Intel.</p></article>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(("head", "title"), [
    # og:title, else JSON-LD headline, else <title>; each without the site's name after it
    ('<title>Nvidia, Intel in talks | Example Markets</title>'
     '<meta property="og:title" content="Nvidia to invest $5bn in Intel">', "Nvidia to invest $5bn in Intel"),
    ('<title>Nvidia, Intel in talks | Example Markets</title>' + ld({"@type": "NewsArticle", "headline": "Nvidia deal"}),
     "Nvidia deal"),
    ('<title>Nvidia to invest $5bn in Intel | Example Markets</title>'
     '<meta property="og:site_name" content="Example Markets">', "Nvidia to invest $5bn in Intel"),
    ('<title>Nvidia to invest $5bn in Intel | Example Markets</title>'
     + ld({"@graph": [{"@type": "WebSite", "name": "Example Markets"}, {"@type": "WebPage"}]}),
     "Nvidia to invest $5bn in Intel"),
    ('<title>Nvidia to invest $5bn in Intel — Chip Daily</title>'
     + ld([{"@type": "NewsArticle", "datePublished": "2025-11-03", "publisher": {"name": "Chip Daily"}}]),
     "Nvidia to invest $5bn in Intel"),
    ('<title>Nvidia to invest $5bn in Intel - The Verge</title>'
     '<link rel="canonical" href="https://www.theverge.com/2025/11/3/nvidia-intel">', "Nvidia to invest $5bn in Intel"),
    ('<meta property="og:title" content="Nvidia to invest $5bn in Intel - Reuters">', "Nvidia to invest $5bn in Intel"),
    # a dash in the title, or a last segment that is no site name, stays
    ('<title>Nvidia-Intel deal talks – chips and foundry</title><meta property="og:site_name" content="Example">',
     "Nvidia-Intel deal talks – chips and foundry"),
    ('<title>A – B merger talks</title>', "A – B merger talks"),
])
def test_html_title_prefers_og_title_and_headline_and_loses_the_site_name(tmp_path, head, title):
    assert only_article(read_file(write(tmp_path / "page.html", html_page(head)))).title == title


@pytest.mark.parametrize(("head", "body", "published"), [
    ('<meta property="article:published_time" content="2025-11-03T14:05:00+01:00">'
     + ld({"datePublished": "2025-11-01"}), '<article><time datetime="2025-10-01">x</time><p>Body.</p></article>',
     "2025-11-03T14:05:00+01:00"),
    (ld({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
                                                      {"@type": "NewsArticle", "datePublished": "Nov. 3, 2025"}]}),
     '<article><time datetime="2025-10-01">x</time><p>Body.</p></article>', "Nov. 3, 2025"),
    (ld([{"@type": "BreadcrumbList"}, {"@type": "NewsArticle", "datePublished": "Tue, 03 Nov 2025 14:05:00 GMT"}]),
     "<article><p>Body.</p></article>", "Tue, 03 Nov 2025 14:05:00 GMT"),
    # a script that is not JSON, or a date that is not text, is skipped for the next source
    ('<script type="application/ld+json">{"datePublished": </script>' + ld({"datePublished": ["2025-11-01"]}),
     '<header><time datetime="2025-11-03">3 Nov</time></header><article><p>Body.</p></article>', "2025-11-03"),
])
def test_html_date_from_meta_else_json_ld_else_time(tmp_path, head, body, published):
    article = only_article(read_file(write(tmp_path / "page.html", html_page(head, body))))
    assert article.published == published
    assert article.published_at is not None and article.published_at.date().isoformat() == "2025-11-03"


def test_an_unreadable_date_is_kept_as_written_and_the_article_stored(tmp_path):
    page = html_page('<meta property="article:published_time" content="Q3 results">')
    article = only_article(read_file(write(tmp_path / "page.html", page)))
    assert (article.published, article.published_at, article.date_problem) == ("Q3 results", None, "not a date")
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "r", "published": "2025", "text": "Body."}) + "\n")
    assert only_article(read_file(feed)).date_problem == "no month or day"


# --- JSON and JSONL -----------------------------------------------------------------------


def test_json_object_and_list_with_body_content_and_missing_ids(tmp_path):
    one = write(
        tmp_path / "one.json",
        json.dumps({"id": "r/1", "title": "T", "text": " Body  one. ", "published": "2024"}),
    )
    article = only_article(read_file(one))
    assert (article.id, article.title, article.text, article.published) == (
        "r/1",
        "T",
        " Body  one. ",
        "2024",
    )

    many = write(
        tmp_path / "many.json",
        json.dumps(
            [
                {"body": "From body."},
                {"content": "From content.", "id": 7},
                {"text": "x", "url": "u", "source": "S"},
            ]
        ),
    )
    articles = list(read_file(many))
    assert [(a.id, a.text) for a in articles] == [
        ("many-1", "From body."),
        ("7", "From content."),
        ("many-3", "x"),
    ]
    assert (articles[2].url, articles[2].source) == ("u", "S")


def test_json_items_that_are_not_articles_are_rejected_one_by_one(tmp_path):
    path = write(
        tmp_path / "mixed.json",
        json.dumps(
            [{"text": "Good."}, [1, 2], {"title": "no text"}, {"text": 5}, {"text": {"p": "x"}}]
        ),
    )
    items = list(read_file(path))
    assert isinstance(items[0], Article) and items[0].text == "Good."
    assert [(r.path, r.reason) for r in items[1:]] == [
        (str(path), "item 2: expected a JSON object, found a JSON array"),
        (str(path), "item 3: article has no text"),
        (str(path), "item 4: article text is a JSON number, not a string"),
        (str(path), "item 5: article text is a JSON object, not a string"),
    ]


def test_malformed_json_file_is_rejected(tmp_path):
    path = write(tmp_path / "broken.json", '{"id": "a" "text": "b"}')
    reason = only_rejection(read_file(path), path).reason
    assert reason.startswith("malformed JSON: Expecting ',' delimiter")


def test_jsonl_bad_lines_are_rejected_with_their_number_and_good_lines_still_read(tmp_path):
    lines = [
        {"id": "a", "text": "First."},
        {"text": "No id."},
        '{"id": "c" "text": "x"}',
        "[1, 2]",
        {"id": "reuters-empty", "text": ""},
        {"id": "reuters-missing"},
        "",
        {"id": "g", "text": "Last."},
    ]
    path = write(
        tmp_path / "feed.jsonl",
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
    )
    items = list(read_file(path))
    assert [(a.id, a.text) for a in items if isinstance(a, Article)] == [
        ("a", "First."),
        ("feed-2", "No id."),
        ("g", "Last."),
    ]
    rejections = [r for r in items if isinstance(r, Rejection)]
    assert [(r.line, r.reason) for r in rejections] == [
        (3, "malformed JSON: Expecting ',' delimiter (column 12)"),
        (4, "expected a JSON object, found a JSON array"),
        (5, "article has no text"),
        (6, "article has no text"),
    ]
    assert str(rejections[0]) == f"{path}:3: malformed JSON: Expecting ',' delimiter (column 12)"


def test_jsonl_line_over_one_megabyte_is_rejected_alone(tmp_path):
    long_line = json.dumps({"id": "big", "text": "x" * MAX_LINE_BYTES})
    path = write(
        tmp_path / "big.jsonl", long_line + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n"
    )
    rejection, article = read_file(path)
    assert isinstance(rejection, Rejection) and rejection.line == 1 and rejection.path == str(path)
    assert (
        rejection.reason.startswith("line is 1,048,") and "over the 1 MB limit" in rejection.reason
    )
    assert isinstance(article, Article) and article.id == "ok"


def test_ids_with_slashes_and_quotes_are_kept_verbatim(tmp_path):
    ids = ["reuters/2024/05/01/abc", 'it\'s "quoted"', "../../etc/passwd"]
    path = write(
        tmp_path / "ids.jsonl", "".join(json.dumps({"id": i, "text": "t"}) + "\n" for i in ids)
    )
    assert [a.id for a in read_file(path)] == ids
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ids.jsonl"
    ]  # nothing was written under an id


# --- files that are not articles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "file contains only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"\x1f\x8b\x08\x00\x00\x00", "binary file (gzip archive)"),
        (b"PK\x03\x04\x14\x00", "binary file (zip archive)"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary file (PDF document)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
        (b"text\x00with a NUL", "binary file (contains NUL bytes)"),
        ("No BOM here".encode("utf-16-le"), "binary file (contains NUL bytes)"),
        (bytes(range(0x80, 0x100)) * 4, "not valid UTF-8 and no text encoding could be detected"),
        (b"\xff\xfeA", "starts with a utf-16 byte-order mark but is not valid utf-16"),
    ],
)
def test_unusable_content_is_rejected_with_its_cause(tmp_path, content, cause):
    path = write(tmp_path / "bad.txt", content)
    assert only_rejection(read_file(path), path).reason == cause


def test_file_over_20_mb_is_rejected_without_being_read(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        rejection = only_rejection(read_file(path), path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rejection.reason == "file is 52,428,800 bytes, over the 20 MB limit"
    assert peak < 1024 * 1024


def test_symlink_loop_and_broken_symlink_are_rejected(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "missing.txt")
    assert "symlink loop" in only_rejection(read_file(loop), loop).reason
    reason = only_rejection(read_file(broken), broken).reason
    assert "broken symlink" in reason and "missing.txt" in reason


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", "Body.")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert only_rejection(read_file(path), path).reason == "could not read file: Permission denied"


def test_folder_named_like_a_text_file_is_rejected(tmp_path):
    path = tmp_path / "x.txt"
    path.mkdir()
    assert only_rejection(read_file(path), path).reason == "not a regular file"


def test_file_that_vanishes_between_listing_and_reading_is_rejected(tmp_path):
    write(tmp_path / "a.txt", "First.")
    doomed = write(tmp_path / "b.txt", "Second.")
    items = read_paths([tmp_path])
    assert next(items).id == "a"
    doomed.unlink()
    assert only_rejection(items, doomed).reason == "file vanished while reading"


def test_unsupported_file_named_explicitly_is_rejected(tmp_path):
    path = write(tmp_path / "report.pdf", b"%PDF-1.7")
    reason = only_rejection(read_paths([path]), path).reason
    assert reason.startswith("unsupported file type '.pdf'") and ".jsonl" in reason


def test_missing_path_is_rejected(tmp_path):
    path = tmp_path / "nope.txt"
    assert only_rejection(read_paths([path]), path).reason == "no such file or folder"


def test_every_rejection_is_logged(tmp_path, caplog):
    path = write(tmp_path / "empty.txt", b"")
    with caplog.at_level(logging.WARNING, logger="extractors.readers"):
        list(read_file(path))
    assert [r.getMessage() for r in caplog.records] == [f"rejected {path}: empty file"]


# --- encodings ------------------------------------------------------------------------------

GERMAN = "Die Übernahme kostet 3 Mrd. Euro, sagte der Vorstand der Münchner Gesellschaft."
CURLY = "Nvidia’s “Blackwell” deal is worth €2 billion — a record."


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        (GERMAN.encode("latin-1"), GERMAN, None),
        (CURLY.encode("cp1252"), CURLY, None),
        (CURLY.encode("utf-8"), CURLY, "utf-8"),
        (CURLY.encode("utf-8-sig"), CURLY, "utf-8-sig"),
        (CURLY.encode("utf-16"), CURLY, "utf-16"),
        (b"\xfe\xff" + CURLY.encode("utf-16-be"), CURLY, "utf-16"),
        (CURLY.encode("utf-32"), CURLY, "utf-32"),
    ],
)
def test_encodings_are_read_back_and_recorded(tmp_path, raw, text, encoding):
    article = only_article(read_file(write(tmp_path / "enc.txt", raw)))
    assert article.text == text
    if (
        encoding is None
    ):  # detected: whatever codec was chosen must be the one that gives these bytes
        assert article.encoding not in (None, "utf-8")
        assert text.encode(article.encoding) == raw
    else:
        assert article.encoding == encoding


# --- folders, standard input and duplicate ids ---------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_and_unsupported(tmp_path):
    write(tmp_path / "z.txt", "Z.")
    write(tmp_path / "b" / "deep" / "c.md", "C.")
    write(tmp_path / "a.jsonl", json.dumps({"id": "a1", "text": "A."}))
    write(tmp_path / "b" / "page.HTML", "<p>Page.</p>")
    write(tmp_path / "notes.pdf", b"%PDF-1.7")
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "HEAD.txt", "Git.")
    assert [a.id for a in read_paths([tmp_path])] == ["a1", "c", "page", "z"]
    assert [a.id for a in read_paths([str(tmp_path)])] == ["a1", "c", "page", "z"]


def test_stdin_jsonl_and_plain_text(monkeypatch):
    feed = json.dumps({"id": "s1", "text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(feed.encode())))
    assert [(a.id, a.path) for a in read_paths(["-"])] == [
        ("s1", "<stdin>"),
        ("stdin-2", "<stdin>"),
    ]

    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO("Plain “text” article.\n".encode("cp1252")))
    )
    article = only_article(read_paths(["-"]))
    assert (article.id, article.text) == ("stdin", "Plain “text” article.")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert only_rejection(read_paths(["-"]), "<stdin>").reason == "empty file"

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * (MAX_FILE_BYTES + 1))))
    reason = only_rejection(read_paths(["-"]), "<stdin>").reason
    assert reason == "more than 20,971,520 bytes, over the 20 MB limit"


def test_duplicate_ids_first_in_walk_order_wins(tmp_path):
    later = write(tmp_path / "b" / "later.json", json.dumps({"id": "dup's/1", "text": "Later."}))
    first = write(tmp_path / "a.jsonl", json.dumps({"id": "dup's/1", "text": "First."}) + "\n")
    items = list(read_paths([tmp_path]))
    assert isinstance(items[0], Article) and items[0].text == "First."
    rejection = items[1]
    assert isinstance(rejection, Rejection) and rejection.path == str(later)
    assert rejection.reason == f'duplicate id "dup\'s/1" (first seen in {first}:1)'
    # Named explicitly, the order of the arguments decides.
    assert [type(x).__name__ for x in read_paths([later, first])] == ["Article", "Rejection"]
    assert only_article(read_paths([first])).id == "dup's/1"  # the rule holds within one call only


def test_a_duplicate_id_inside_a_jsonl_file_names_both_lines(tmp_path):
    lines = [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}, {"id": "a", "text": "Three."}]
    path = write(tmp_path / "many.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    items = list(read_paths([path]))
    assert [(x.id, x.line) for x in items[:2]] == [("a", 1), ("b", 2)]
    assert (items[2].path, items[2].line) == (str(path), 3)
    assert items[2].reason == f"duplicate id 'a' (first seen in {path}:1)"


def test_readers_import_neither_dagster_nor_duckdb():
    code = (
        "import sys, extractors.readers\n"
        "print(sorted(m for m in ('dagster', 'duckdb') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- hostile input: stored or rejected, never raised -------------------------------------

DEEP = 50_000  # far past Python's recursion limit
GOOD = "Acme Corp agreed to pay $2 billion for Widget Inc."
BOMB = "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("name, content, cause", [
    ("deep.json", "[" * DEEP + "]" * DEEP, "nested too deeply to read"),
    ("deep-object.json", '{"a": ' * DEEP + "1" + "}" * DEEP, "nested too deeply to read"),
    ("deep-yaml.md", f"---\ntitle: {'[' * DEEP}{']' * DEEP}\n---\n{GOOD}\n", "nested too deeply to read"),
    ("feb30.md", f"---\npublished: 2023-02-30\n---\n{GOOD}\n", "invalid YAML front matter: day is out of range"),
    ("month13.md", f"---\npublished: 2023-13-01 10:00:00\n---\n{GOOD}\n", "invalid YAML front matter: month must be"),
    ("int.md", f"---\nid: !!int twelve\n---\n{GOOD}\n", "invalid YAML front matter: invalid literal for int()"),
    ("float.md", f"---\nsource: !!float many\n---\n{GOOD}\n", "invalid YAML front matter: could not convert"),
    ("list-title.md", f"---\ntitle: [a, b]\n---\n{GOOD}\n", "the title is a list, not text"),
    ("map-id.json", json.dumps({"id": {"x": 1}, "text": GOOD}), "item 1: the id is a mapping, not text"),
    ("bomb.md", f"---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{BOMB}title: *i\n---\n{GOOD}\n",
     "the title is a list, not text"),
    ("surrogate-text.json", '{"text": "caf\\udce9 ' + GOOD + '"}', "the text holds U+DCE9 at character 3, a lone surrogate"),
    ("surrogate-title.json", '{"title": "\\ud83d", "text": "' + GOOD + '"}', "the title holds U+D83D at character 0"),
    ("surrogate-id.json", '{"id": "a\\udfffb", "text": "' + GOOD + '"}', "the id holds U+DFFF at character 1"),
    ("long-id.json", json.dumps({"id": "k" * 201, "text": GOOD}), "the id is 201 characters, over the 200-character limit"),
    ("long-title.md", f"---\ntitle: {'T' * 1001}\n---\n{GOOD}\n", "the title is 1,001 characters, over the 1,000"),
    ("long-url.json", json.dumps({"url": "https://x/" + "u" * 2000, "text": GOOD}), "the url is 2,010 characters"),
])
def test_hostile_file_is_rejected_with_its_reason(tmp_path, name, content, cause):
    path = write(tmp_path / name, content)
    assert cause in only_rejection(read_paths([path]), path).reason


def test_limits_on_ids_and_fields_are_inclusive(tmp_path):
    path = write(tmp_path / "max.json", json.dumps({"id": "k" * 200, "title": "T" * 1000, "text": GOOD}))
    article = only_article(read_file(path))
    assert (len(article.id), len(article.title)) == (200, 1000)


def test_an_alias_bomb_under_an_unused_key_costs_nothing(tmp_path):
    path = write(tmp_path / "quiet-bomb.md", f"---\na: &a [lol, lol, lol]\n{BOMB}junk: *i\ntitle: Fine\n---\n{GOOD}\n")
    tracemalloc.start()
    article = only_article(read_file(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert article.title == "Fine" and peak < 100 * 1024 * 1024  # 3 * 9^8 strings expanded: gigabytes


def test_a_bad_jsonl_line_is_rejected_alone_whatever_it_holds(tmp_path):
    lines = [json.dumps({"id": "one", "text": GOOD}), '{"a": ' + "[" * DEEP + "]" * DEEP + "}",
             '{"id": "two", "text": "bad \\ud800 text"}', json.dumps({"id": "t" * 300, "text": GOOD}),
             json.dumps({"id": "three", "text": GOOD})]
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    items = list(read_paths([path]))
    assert [(type(x).__name__, x.line) for x in items] == [
        ("Article", 1), ("Rejection", 2), ("Rejection", 3), ("Rejection", 4), ("Article", 5)]
    assert [x.reason.split(" ")[:3] for x in items[1:4]] == [
        ["nested", "too", "deeply"], ["the", "text", "holds"], ["the", "id", "is"]]


def test_a_file_name_that_is_not_utf8_is_rejected_under_a_printable_name(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9-deal.txt"
    with open(raw, "wb") as f:
        f.write(GOOD.encode())
    [rejection] = list(read_paths([tmp_path]))
    assert rejection.path == f"{tmp_path}/caf\\xe9-deal.txt"
    assert rejection.reason == "file name is not valid UTF-8 (rename the file)"
    rejection.path.encode("utf-8")  # storable and printable


def test_stdin_is_guarded_too(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s", "text": "\\ud800"}\n')))
    [rejection] = list(read_paths(["-"]))
    assert (rejection.path, rejection.line) == ("<stdin>", 1) and "lone surrogate" in rejection.reason


def test_nested_and_flat_html_are_read_in_full(tmp_path):
    nested = "<html><body>" + "<div><span>" * 3000 + "Acme pays $2 billion." + "</span></div>" * 3000 + "</body></html>"
    flat = "<html><body>" + "".join(f"<p>Line {i}.</p><script>x()</script>" for i in range(3000)) + "</body></html>"
    assert only_article(read_file(write(tmp_path / "nested.html", nested))).text == "Acme pays $2 billion."
    text = only_article(read_file(write(tmp_path / "flat.html", flat))).text
    assert text.splitlines() == [f"Line {i}." for i in range(3000)]
