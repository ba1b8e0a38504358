"""Loading the corpus: store each article once, keyed by id and content hash, and the rejections.

Only rows that differ are written, so loading an unchanged corpus writes nothing and a changed
file rewrites just its articles; the content hash tells extraction what to redo.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb

from extractors.models import Article, Rejection
from warehouse.connection import delete_articles, insert_many, transaction

_ARTICLE_COLUMNS = ("article_id", "title", "url", "published", "source", "path", "encoding",
                    "text", "content_hash", "published_at")


def content_hash(article: Article) -> str:
    """sha256 of everything the extractor sees; where the file lives does not count, nor
    `published_at`, which is read from `published`."""
    seen = article.model_dump(include={"id", "title", "url", "published", "source", "text"})
    return hashlib.sha256(json.dumps(seen, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass
class CorpusLoad:
    """What one load changed, by article id."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)    # text or metadata differs: re-extract
    moved: list[str] = field(default_factory=list)      # same content, new path or encoding
    redated: list[str] = field(default_factory=list)    # same content, `published` read anew
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    unreadable_dates: list[tuple[str, str, str]] = field(default_factory=list)  # id, published, why

    @property
    def read(self) -> int:
        """Items the readers produced: articles plus rejections."""
        return (len(self.added) + len(self.changed) + len(self.moved) + len(self.redated) + self.unchanged
                + len(self.rejections))


def load_corpus(con: duckdb.DuckDBPyConnection, items: Iterable[Article | Rejection]) -> CorpusLoad:
    """Make `articles` and `rejected_files` hold exactly `items`, in one transaction. A row
    whose `published_at` differs from what its `published` reads as now (stored before the
    column, or by older date rules) is rewritten, though its content is unchanged."""
    load = CorpusLoad()
    incoming: dict[str, tuple] = {}
    for item in items:
        if isinstance(item, Rejection):
            load.rejections.append(item)
        else:
            incoming[item.id] = (item.id, item.title, item.url, item.published, item.source,
                                 item.path or "", item.encoding, item.text, content_hash(item), item.published_at)
            if item.date_problem:
                load.unreadable_dates.append((item.id, item.published, item.date_problem))
    stored = {row[0]: row[1:] for row in con.execute(
        "SELECT article_id, content_hash, path, encoding, published_at FROM articles").fetchall()}
    for article_id, row in incoming.items():
        if article_id not in stored:
            load.added.append(article_id)
        elif stored[article_id][0] != row[8]:
            load.changed.append(article_id)
        elif stored[article_id][1:3] != (row[5], row[6]):
            load.moved.append(article_id)
        elif stored[article_id][3] != row[9]:
            load.redated.append(article_id)
        else:
            load.unchanged += 1
    load.deleted = sorted(stored.keys() - incoming.keys())
    rewrite = load.changed + load.moved + load.redated
    with transaction(con):
        delete_articles(con, "articles", load.deleted + rewrite)
        insert_many(con, "articles", (*_ARTICLE_COLUMNS, "loaded_at"),
                    [incoming[i] for i in load.added + rewrite], extra=", current_timestamp")
        rejected = sorted(((r.path, r.line, r.reason) for r in load.rejections), key=str)
        stored_rejections = con.execute("SELECT path, line, reason FROM rejected_files").fetchall()
        if rejected != sorted(stored_rejections, key=str):
            con.execute("DELETE FROM rejected_files")
            insert_many(con, "rejected_files", ("path", "line", "reason", "rejected_at"), rejected,
                        extra=", current_timestamp")
    return load

