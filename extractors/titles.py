"""Article titles: a page title without the site's name after it, and a plain-text file's headline."""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from extractors.lexicon import words

MAX_HEADLINE_CHARS = 150
"""Longest first line of a plain-text file taken as its title."""

PARAGRAPH_CHARS = 100
"""A line longer than this is an unwrapped paragraph: text wrapped at a fixed width has none."""

# A separator between a title and the site's name has a space either side: "Nvidia-Intel deal" has none.
_SEPARATOR = re.compile(r"\s(?:[|\-–—·•]|::)\s")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_SENTENCE_OR_WRAP_END = tuple(".,;:-–—")  # a line ending so is a sentence, or runs on into the next
_CLOSERS = "\"'”’)]"


def strip_site_name(title: str, sites: Iterable[str | None]) -> str:
    """`title` without a last segment that is the site's name: one of `sites` (og:site_name, the
    publisher, the host name), or a news outlet of `data/outlets.txt`. Only the last segment, only
    after a spaced separator (| - – — :: · •), and only that name: "A – B merger talks" stays whole.

    >>> strip_site_name("Nvidia to invest $5bn in Intel | Example Markets", ["Example Markets"])
    'Nvidia to invest $5bn in Intel'
    """
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    head, tail = title[:separators[-1].start()].strip(), title[separators[-1].end():]
    names = {_key(name) for name in sites if name} | {_key(name) for name in words("outlets.txt")}
    return head if head and _key(tail) in names else title


def host_names(url: str | None) -> list[str]:
    """The names a site's host gives: `www.theverge.com` → theverge; `markets.example.co.uk` →
    markets, example, co (the last label, the top-level domain, names no site)."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:  # a malformed url is still stored; it just names no site
        return []
    return [label for label in host.split(".")[:-1] if label != "www"]


def headline(text: str) -> str | None:
    """The first line of a plain-text article if it reads as a headline: at most 150 characters,
    not ending as a sentence or a wrapped line does (. , ; : or a dash), and followed by a blank
    line, or directly by a paragraph longer than any wrapped line (over 100 characters). A
    Markdown heading's `#` marks are not part of it."""
    lines = text.split("\n", 2)
    if len(lines) < 2:
        return None
    first, after = _MARKDOWN_HEADING.sub("", lines[0].strip(), count=1), lines[1].strip()
    ends_open = first.rstrip(_CLOSERS).endswith(_SENTENCE_OR_WRAP_END)
    followed = (not after and len(lines) == 3) or len(after) > PARAGRAPH_CHARS
    if first and len(first) <= MAX_HEADLINE_CHARS and not ends_open and followed and any(c.isalpha() for c in first):
        return first
    return None


def _key(name: str) -> str:
    """A name as compared: letters and digits, case folded ("The Verge" = "theverge")."""
    return "".join(c for c in name.casefold() if c.isalnum())
