"""Corpus readers: files and folders of news articles in, `Article`s and `Rejection`s out.

A bad input never raises: it becomes a logged `Rejection` whose reason a person can act on,
so one broken file cannot stop a corpus run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from charset_normalizer import from_bytes

from extractors.html_meta import page_fields
from extractors.models import Article, Rejection
from extractors.titles import headline

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest file read, 20 MB: checked with stat first, so a bigger file is never loaded."""

MAX_LINE_BYTES = 1024 * 1024
"""Largest JSONL line, 1 MB of UTF-8: checked before the line is parsed."""

MAX_TEXT_BYTES = 128 * 1024
"""Largest article text, 128 KB of UTF-8 (some 20,000 words; a long feature is half that): the
densest deal prose extracts in well under 10 s at this size (`bench/shapes.py`). A megabyte
cannot be: the pretrained NER alone reads some 11,000 tokens a second, and a megabyte of ordinary
newswire takes 16 s."""

MAX_ID_CHARS = 200
"""Longest article id: an id is a key people type and read, not text."""

MAX_FIELD_CHARS = 1000
"""Longest title, url, published date or source."""

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\x1f\x8b": "gzip archive",
    b"PK\x03\x04": "zip archive",
    b"%PDF-": "PDF document",
    b"\xff\xd8\xff": "JPEG image",
}
# UTF-32 LE comes before UTF-16 LE because its mark starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}

_FRONT_MATTER_START = re.compile(r"---[ \t]*\r?\n")
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")

_HTML_BOILERPLATE = frozenset("script style noscript template nav header footer aside form iframe svg".split())
_HTML_BLOCKS = frozenset((
    "address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main "
    "ol p pre section table td th tr ul"
).split())


class _Rejected(Exception):
    """A problem that rejects the input being parsed; caught and turned into a `Rejection`."""


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | Rejection]:
    """Read every article under `paths`, each id at most once.

    A folder is walked recursively in sorted path order, skipping hidden entries and files of
    unsupported types; a file named explicitly is always read or rejected. "-" is standard
    input: JSONL if it starts with "{", else one plain-text article with id "stdin". When an
    id repeats, its first occurrence wins (arguments in the order given, files in walk order,
    articles in file order) and every later one is rejected, so a rerun keeps the same one.
    """
    first_seen: dict[str, str] = {}
    for item in _read_all(paths):
        if isinstance(item, Article):
            where = item.path if item.line is None else f"{item.path}:{item.line}"
            if item.id in first_seen:
                item = _reject(item.path or "", f"duplicate id {item.id!r} (first seen in {first_seen[item.id]})",
                               line=item.line)
            else:
                first_seen[item.id] = where
        yield item


def read_file(path: Path) -> Iterator[Article | Rejection]:
    """Read the articles of one file; every problem is yielded as a logged `Rejection`.

    The file is expected to exist (it was named or listed), so if it is gone when it is read,
    that is reported as "file vanished while reading".
    """
    path = Path(path)
    name = path_name(path)

    def parse() -> Iterator[Article | Rejection]:
        if name != str(path):
            raise _Rejected("file name is not valid UTF-8 (rename the file)")
        parser = _PARSERS.get(path.suffix.lower())
        if parser is None:
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            suffix = path.suffix or "(no extension)"
            raise _Rejected(f"unsupported file type {suffix!r} (supported: {supported})")
        text, encoding = _decode(_read_bytes(path))
        return parser(text, name, path.stem, encoding)

    yield from _guarded(name, None, parse)


def _guarded(name: str, line: int | None,
             parse: Callable[[], Iterable[Article | Rejection]]) -> Iterator[Article | Rejection]:
    """The one boundary between reading and storing: what `parse` gives is either an article
    the warehouse can store or a rejection naming `name` (and `line`); nothing it raises, not
    a `RecursionError` from deep nesting nor a `ValueError` from a YAML date, gets past."""
    try:
        for item in parse():
            yield _storable(item) if isinstance(item, Article) else item
    except _Rejected as e:
        yield _reject(name, str(e), line=line)
    except RecursionError:
        yield _reject(name, "nested too deeply to read (more levels than Python's recursion limit)", line=line)
    except Exception as e:  # noqa: BLE001 - any other failure rejects this input alone
        yield _reject(name, f"could not be read: {type(e).__name__}: {' '.join(str(e).split())[:300]}", line=line)


def _storable(article: Article) -> Article:
    """The article if the warehouse can store it: every field valid UTF-8 (no lone surrogate
    such as a JSON "\\ud800"), the id and other fields within their lengths."""
    for field, value in article.model_dump(exclude={"line"}, exclude_computed_fields=True).items():
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise _Rejected(f"the {field} holds U+{ord(value[e.start]):04X} at character {e.start}, "
                            "a lone surrogate that is not text and cannot be stored") from None
        limit = {"id": MAX_ID_CHARS, "text": None, "path": None, "encoding": None}.get(field, MAX_FIELD_CHARS)
        if limit is not None and len(value) > limit:
            raise _Rejected(f"the {field} is {len(value):,} characters, over the {limit:,}-character limit")
    return article


def path_name(path: Path) -> str:
    """How a file is named in rejections and the warehouse: its path, with bytes that are not
    UTF-8 shown as \\xNN escapes (the name as given can then be stored and printed)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_all(paths: Iterable[str | Path]) -> Iterator[Article | Rejection]:
    for given in paths:
        path = Path(given)
        if str(given) == "-":
            yield from _read_stdin()
        elif path.is_dir():
            for file in _walk(path):
                yield from read_file(file)
        elif path.exists() or path.is_symlink():  # read_file explains broken and looping links
            yield from read_file(path)
        else:
            yield _reject(path_name(path), "no such file or folder")


def corpus_files(path: str | Path) -> list[Path]:
    """The files `read_paths([path])` reads: the file itself, or the supported, non-hidden
    files of a folder, sorted. The pipeline lists and counts the corpus with it."""
    path = Path(path)
    return _walk(path) if path.is_dir() else [path]


def _walk(folder: Path) -> list[Path]:
    """Supported, non-hidden files under `folder`, listed before any is read and sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        ]
    return sorted(found)


def _read_stdin() -> Iterator[Article | Rejection]:
    def parse() -> Iterator[Article | Rejection]:
        text, encoding = _decode(sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
        parser = _parse_jsonl if text.lstrip().startswith("{") else _parse_text
        return parser(text, "<stdin>", "stdin", encoding)

    yield from _guarded("<stdin>", None, parse)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, after stat has ruled out oversized and special files (FIFOs block)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Rejected("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _Rejected(f"file is {info.st_size:,} bytes, over the 20 MB limit")
        with path.open("rb") as f:
            return f.read(MAX_FILE_BYTES + 1)  # one byte more reveals a file that grew since stat
    except FileNotFoundError:
        if path.is_symlink():
            raise _Rejected(
                f"broken symlink (its target {os.readlink(path)!r} does not exist)"
            ) from None
        raise _Rejected("file vanished while reading") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise _Rejected("symlink loop (too many levels of symbolic links)") from None
        raise _Rejected(f"could not read file: {e.strerror or e}") from None


def _decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of what was read, or the reason it is not article text."""
    if len(data) > MAX_FILE_BYTES:
        raise _Rejected(f"more than {MAX_FILE_BYTES:,} bytes, over the 20 MB limit")
    if not data:
        raise _Rejected("empty file")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise _Rejected(f"binary file ({kind})")
    text, encoding = _decode_text(data)
    if not text.strip():
        raise _Rejected("file contains only whitespace")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    """BOM first, then strict UTF-8, then detection: valid UTF-8 is never guessed at."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise _Rejected(
                    f"starts with a {codec} byte-order mark but is not valid {codec}"
                ) from None
    # Only UTF-16/32 text has NUL bytes, and without a BOM it is not worth guessing at.
    if b"\0" in data:
        raise _Rejected("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        match = from_bytes(data).best()
    if match is None:
        raise _Rejected("not valid UTF-8 and no text encoding could be detected")
    return str(match), match.encoding


def _parse_text(text: str, name: str, stem: str, encoding: str) -> Iterator[Article | Rejection]:
    """Plain text or Markdown, with optional YAML front matter between two `---` lines.

    The body is kept exactly as written, bar blank lines at either end, because extracted
    fact offsets point into it. Without a `title` in front matter, a first line that reads as
    a headline is the title (`titles.headline`); it stays in the text too.
    """
    fields: Mapping[str, Any] = {}
    if _FRONT_MATTER_START.match(text):
        match = _FRONT_MATTER.match(text)
        if match is None:
            raise _Rejected("YAML front matter opened with '---' is never closed by a '---' line")
        fields = _front_matter(match.group(1) or "")
        text = text[match.end() :]
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    if fields.get("title") in (None, ""):
        fields = {**fields, "title": headline(text)}
    yield _article(fields, text, stem, name, encoding)


def _front_matter(source: str) -> Mapping[str, Any]:
    try:
        fields = yaml.safe_load(source)  # safe_load: a !!python tag is an error, never a call
    except (yaml.YAMLError, ValueError) as e:  # ValueError: `2024-02-30`, `!!int abc`
        raise _Rejected(f"invalid YAML front matter: {' '.join(str(e).split())}") from None
    if fields is None:
        return {}
    if not isinstance(fields, dict):
        raise _Rejected("YAML front matter is not a mapping")
    return fields


def _parse_html(text: str, name: str, stem: str, encoding: str) -> Iterator[Article | Rejection]:
    """The article's own text: boilerplate dropped, one line per block element."""
    soup = BeautifulSoup(text, "lxml")
    fields = page_fields(soup)
    root = _outside_boilerplate(soup, "article") or _outside_boilerplate(soup, "main") or soup.body or soup
    lines = (" ".join(line.split()) for line in _block_text(root).split("\n"))
    yield _article(fields, "\n".join(line for line in lines if line), stem, name, encoding)


def _outside_boilerplate(soup: BeautifulSoup, tag: str) -> Tag | None:
    """The first `tag` element not inside navigation, a header, a footer…"""
    return next((t for t in soup.find_all(tag)
                 if not any(p.name in _HTML_BOILERPLATE for p in t.parents)), None)


def _block_text(root: Tag) -> str:
    """The text under `root` without boilerplate, a line break around every block element.

    One walk with a stack of open elements: editing the tree (removing boilerplate, inserting
    breaks) costs a search of the siblings or the subtree per edit, quadratic in the page, and
    recursion would stop at Python's limit on deeply nested pages."""
    parts: list[str] = []
    stack = [(iter(root.contents), False)]
    while stack:
        children, block = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if block:
                parts.append("\n")
        elif isinstance(node, Tag):
            if node.name not in _HTML_BOILERPLATE:
                opens = node.name in _HTML_BLOCKS
                if opens:
                    parts.append("\n")
                stack.append((iter(node.contents), opens))
        elif type(node) is NavigableString:  # not a Comment, CData or Doctype
            parts.append(re.sub(r"\s+", " ", node))
    return "".join(parts)


def _parse_json(text: str, name: str, stem: str, encoding: str) -> Iterator[Article | Rejection]:
    """One article object or a list of them; a missing id becomes `<stem>-<position>`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Rejected(f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    if data == []:  # else the file would leave no trace: neither an article nor a rejection
        raise _Rejected("no articles in file (an empty JSON array)")
    for index, obj in enumerate(data if isinstance(data, list) else [data], 1):
        yield from _guarded(name, None, lambda: _item(obj, index, stem, name, encoding))


def _parse_jsonl(text: str, name: str, stem: str, encoding: str) -> Iterator[Article | Rejection]:
    """One article object per line; a bad line is rejected alone; a missing id is `<stem>-<line>`.

    Lines are split on "\n" only, not `splitlines`: a JSON string may hold a raw U+2028.
    """
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield from _guarded(name, number, lambda: [_jsonl_line(line, number, stem, name, encoding)])


def _item(obj: Any, index: int, stem: str, name: str, encoding: str) -> list[Article]:
    """Item `index` of a JSON array (or the file's one object); its rejection says which item."""
    try:
        return [_storable(_from_object(obj, f"{stem}-{index}", name, encoding))]
    except _Rejected as e:
        raise _Rejected(f"item {index}: {e}") from None


def _jsonl_line(line: str, number: int, stem: str, name: str, encoding: str) -> Article:
    size = len(line.encode("utf-8", "surrogatepass"))
    if size > MAX_LINE_BYTES:
        raise _Rejected(f"line is {size:,} bytes, over the 1 MB limit")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise _Rejected(f"malformed JSON: {e.msg} (column {e.colno})") from None
    return _from_object(obj, f"{stem}-{number}", name, encoding).model_copy(update={"line": number})


def _from_object(obj: Any, default_id: str, name: str, encoding: str) -> Article:
    if not isinstance(obj, dict):
        raise _Rejected(f"expected a JSON object, found a JSON {_JSON_TYPES[type(obj)]}")
    text = next((obj[key] for key in ("text", "body", "content") if obj.get(key) is not None), None)
    return _article(obj, text, default_id, name, encoding)


def _article(
    fields: Mapping[str, Any], text: Any, default_id: str, name: str, encoding: str
) -> Article:
    if not isinstance(text, str | None):
        raise _Rejected(f"article text is a JSON {_JSON_TYPES[type(text)]}, not a string")
    if not text or not text.strip():
        raise _Rejected("article has no text")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise _Rejected(f"article text is {size:,} bytes, over the 128 KB limit ({MAX_TEXT_BYTES:,} bytes):"
                        " split it into articles")
    return Article(
        id=_field(fields.get("id"), "id") or default_id,
        text=text,
        title=_field(fields.get("title"), "title"),
        url=_field(fields.get("url"), "url"),
        published=_field(fields.get("published"), "published"),
        source=_field(fields.get("source"), "source"),
        path=name,
        encoding=encoding,
    )


def _field(value: Any, key: str = "field") -> str | None:
    """A front matter or JSON value as text: YAML dates become ISO strings; ids stay verbatim.
    A list or mapping is no title: refused before `str` could spell out a YAML alias bomb."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict | set):
        raise _Rejected(f"the {key} is a {'list' if isinstance(value, list | set) else 'mapping'}, not text")
    return None if value is None or value == "" else str(value)


def _reject(path: str, reason: str, line: int | None = None) -> Rejection:
    rejection = Rejection(path=path, line=line, reason=reason)
    log.warning("rejected %s", rejection)
    return rejection


_PARSERS: dict[str, Callable[[str, str, str, str], Iterator[Article | Rejection]]] = {
    ".txt": _parse_text,
    ".md": _parse_text,
    ".html": _parse_html,
    ".htm": _parse_html,
    ".json": _parse_json,
    ".jsonl": _parse_jsonl,
}

SUPPORTED_SUFFIXES = frozenset(_PARSERS)
"""File endings read (matched case-insensitively); other files in a folder are skipped."""
