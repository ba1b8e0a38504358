"""Re-run the README's example queries on a warehouse of every gold article, and write their
output back in place, so the examples show what the code does now.

The warehouse is built as a user builds one: the gold sets as one JSONL file in a corpus
folder, `dagster asset materialize` of every asset. Each `$ .venv/bin/dealfacts …` command in
the README section `### Example queries` is then run by the shell, and the lines after it, up
to the end of its code block, are replaced by what it printed.

    .venv/bin/python tools/readme_examples.py
"""
from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from quality import GOLD_SETS  # noqa: E402  (the sets `make quality` scores)

README = ROOT / "README.md"
SECTION = "### Example queries"


def build(folder: Path) -> dict[str, str]:
    """A warehouse of every gold article under `folder`; the environment that points at it."""
    corpus = folder / "corpus"
    corpus.mkdir()
    with open(corpus / "gold.jsonl", "w", encoding="utf-8") as out:
        for path in GOLD_SETS:
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                out.write(json.dumps({k: row[k] for k in ("id", "title", "text", "url", "published") if k in row}) + "\n")
    env = {**os.environ, "DEALFACTS_CORPUS": str(corpus), "DEALFACTS_WAREHOUSE": str(folder / "gold.duckdb"),
           "DAGSTER_HOME": str(folder), "PYTHONWARNINGS": "ignore"}
    subprocess.run([Path(sys.executable).parent / "dagster", "asset", "materialize", "-m", "pipeline.definitions",
                    "--select", "*"], env=env, cwd=ROOT, check=True, capture_output=True)
    return env


def rerun(text: str, env: dict[str, str]) -> str:
    """The section's code blocks with each command's output replaced by what it prints now."""
    start = text.index(SECTION)
    end = text.index("\n### ", start + len(SECTION))
    lines, out, i = text[start:end].split("\n"), [], 0
    while i < len(lines):
        if not lines[i].startswith("$ .venv/bin/dealfacts"):
            out.append(lines[i])
            i += 1
            continue
        command = [lines[i]]
        while "".join(command).count('"') % 2 == 1:  # the quoted SQL runs over several lines
            i += 1
            command.append(lines[i])
        out += command
        printed = subprocess.run(" ".join(command)[2:], shell=True, env=env, cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.rstrip("\n")
        out += printed.split("\n")
        i += 1
        while not lines[i].startswith("```"):
            i += 1
    return text[:start] + "\n".join(out) + text[end:]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = build(Path(folder))
        text = README.read_text(encoding="utf-8")
        updated = rerun(text, env)
    README.write_text(updated, encoding="utf-8")
    changed = sum(line.startswith("+") and not line.startswith("+++")
                  for line in difflib.unified_diff(text.splitlines(), updated.splitlines(), lineterm=""))
    print(f"{changed} lines of {README.name} rewritten")


if __name__ == "__main__":
    main()
