"""Fixtures for the warehouse, pipeline and UI tests: a throwaway corpus, warehouse and
DAGSTER_HOME per test, configured through the same environment variables users set."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from stories import ARTICLES

VENV_BIN = Path(sys.executable).parent

@dataclass
class Workspace:
    """A corpus folder and a warehouse file, as DEALFACTS_CORPUS and DEALFACTS_WAREHOUSE name them."""

    corpus: Path
    warehouse: Path
    dagster_home: Path
    bin: Path = VENV_BIN
    articles: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def write(self, article_id: str, title: str, published: str, text: str) -> Path:
        """Add or overwrite an article as a Markdown file with YAML front matter."""
        self.articles[article_id] = (title, published, text)
        path = self.corpus / f"{article_id}.md"
        path.write_text(f"---\nid: {article_id}\ntitle: {json.dumps(title)}\npublished: {published}\n---\n{text}\n",
                        encoding="utf-8")
        return path

    def delete(self, article_id: str) -> None:
        (self.corpus / f"{article_id}.md").unlink()
        del self.articles[article_id]

    def write_all(self) -> None:
        for article_id, fields in ARTICLES.items():
            self.write(article_id, *fields)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        """Rows of `sql`, read from the warehouse file the way users read it: read-only."""
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def env(self) -> dict[str, str]:
        return {**os.environ, "DEALFACTS_CORPUS": str(self.corpus),
                "DEALFACTS_WAREHOUSE": str(self.warehouse), "DAGSTER_HOME": str(self.dagster_home),
                "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    ws = Workspace(tmp_path / "corpus", tmp_path / "warehouse" / "dealfacts.duckdb", tmp_path / "dagster_home")
    ws.corpus.mkdir()
    ws.dagster_home.mkdir()
    for name, value in ws.env().items():
        if name.startswith(("DEALFACTS_", "DAGSTER_HOME")):
            monkeypatch.setenv(name, value)
    return ws


@pytest.fixture
def instance(workspace: Workspace):
    """A Dagster instance in the workspace's DAGSTER_HOME, kept across the runs of one test."""
    with dg.instance_for_test(temp_dir=str(workspace.dagster_home)) as inst:
        yield inst
