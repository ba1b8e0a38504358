"""What an HTML page says about itself: its title, url and publication date, from `<meta>` tags,
JSON-LD (`<script type="application/ld+json">`, also inside `@graph` or a list) and `<time>`.

Read before boilerplate is dropped: the `<time>` and `<h1>` often sit in a `<header>`.
"""
from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup, Tag

from extractors.titles import host_names, strip_site_name

_SITE_TYPES = frozenset({"WebSite", "Organization", "NewsMediaOrganization"})


def page_fields(soup: BeautifulSoup) -> dict[str, str | None]:
    """`title` (og:title, else JSON-LD `headline`, else `<title>`, else the first `<h1>`, without
    the site's name after it), `url` (canonical link, else og:url) and `published`
    (article:published_time, else JSON-LD `datePublished`, else the first `<time datetime>`)."""
    nodes = _json_ld(soup)
    article = next((n for n in nodes if "headline" in n or "datePublished" in n), {})
    canonical = soup.find("link", rel="canonical")
    url = (canonical and canonical.get("href")) or _meta(soup, "og:url")
    title = (_text(_meta(soup, "og:title")) or _text(article.get("headline"))
             or _tag_text(soup.title) or _tag_text(soup.find("h1")))
    sites = [_meta(soup, "og:site_name"), *_site_names(nodes, article), *host_names(url)]
    time = soup.find("time", datetime=True)
    return {
        "title": title and strip_site_name(title, sites),
        "url": url,
        "published": (_meta(soup, "article:published_time") or _text(article.get("datePublished"))
                      or (time and time["datetime"])),
    }


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page: a script's object, the items of its list, the nodes of
    an `@graph`. A script that is not JSON is skipped: it is metadata, not the article."""
    nodes: list[dict[str, Any]] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            graph = item.get("@graph") if isinstance(item, dict) else None
            nodes += [n for n in [item, *(graph if isinstance(graph, list) else [])] if isinstance(n, dict)]
    return nodes


def _site_names(nodes: list[dict[str, Any]], article: dict[str, Any]) -> list[str | None]:
    """The article's publisher and the page's WebSite and Organization nodes, by name."""
    publisher = article.get("publisher")
    named = [n for n in nodes if any(isinstance(t, str) and t in _SITE_TYPES for t in _types(n))]
    named += publisher if isinstance(publisher, list) else [publisher]
    return [_text(n.get("name")) for n in named if isinstance(n, dict)]


def _types(node: dict[str, Any]) -> list[Any]:
    kind = node.get("@type")
    return kind if isinstance(kind, list) else [kind]


def _text(value: Any) -> str | None:
    """A JSON-LD or attribute value as one line of text; None for anything else or blank."""
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _tag_text(tag: Tag | None) -> str | None:
    return _text(tag.get_text()) if tag else None


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag.get("content") if tag else None
