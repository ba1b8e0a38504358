"""A materialisation killed mid-way (SIGKILL: no cleanup, no rollback) leaves a consistent
warehouse: only whole batches of articles, each with all its facts. The next run completes the
work, and one more run changes nothing."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_pipeline import checks, dump, materialize

ARTICLES = 300
PER_TRANSACTION = 20

# The real job, as `dagster asset materialize` runs it, with small transactions so that a small
# corpus spans many of them.
RUN = f"""
from pipeline.definitions import defs
from pipeline.resources import WarehouseResource, from_environment

resources = from_environment()
resources["warehouse"] = WarehouseResource(duckdb=resources["warehouse"].duckdb,
                                           articles_per_transaction={PER_TRANSACTION})
defs.resolve_job_def("refresh_warehouse").execute_in_process(resources=resources)
"""

COMPANIES = ["Microsoft", "Nvidia", "Oracle", "OpenAI", "AMD", "Google", "Amazon", "Meta"]


def write_generated_corpus(corpus) -> None:
    """Deal stories in three JSONL files, each with money, chip and power figures."""
    for part in range(3):
        lines = []
        for n in range(part * ARTICLES // 3, (part + 1) * ARTICLES // 3):
            buyer, seller = COMPANIES[n % 8], COMPANIES[(n * 3 + 1) % 8]
            text = (f"{buyer} agreed to buy {1_000 + 7 * n:,} GPUs from {seller} for ${n % 50 + 1}.{n % 10} "
                    f"billion, the companies said on Monday. The deal adds {n % 9 + 1} gigawatts of "
                    f"data-centre capacity by 2027.")
            lines.append(json.dumps({"id": f"gen-{n:04d}", "title": f"{buyer} buys from {seller}", "text": text}))
        (corpus / f"wire-{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def inconsistencies(ws) -> list[tuple]:
    """Rows that show a half-stored article or a duplicate; empty when the warehouse is consistent."""
    return ws.query("""
        SELECT e.article_id, 'facts stored: ' || count(f.fact_index) || ' of ' || any_value(e.n_facts)
        FROM extractions e LEFT JOIN facts f USING (article_id)
        GROUP BY e.article_id HAVING count(f.fact_index) <> any_value(e.n_facts)
        UNION ALL
        SELECT e.article_id, 'deals stored: ' || count(d.deal_index) || ' of ' || any_value(e.n_deals)
        FROM extractions e LEFT JOIN article_deals d USING (article_id)
        GROUP BY e.article_id HAVING count(d.deal_index) <> any_value(e.n_deals)
        UNION ALL
        SELECT DISTINCT article_id, 'rows without an extraction' FROM (
            SELECT article_id FROM facts UNION ALL SELECT article_id FROM article_deals
            UNION ALL SELECT article_id FROM article_deal_parties UNION ALL SELECT article_id FROM article_companies)
        WHERE article_id NOT IN (SELECT article_id FROM extractions)
        UNION ALL
        SELECT article_id, 'extracted from other text' FROM extractions e JOIN articles a USING (article_id)
        WHERE e.content_hash <> a.content_hash
        UNION ALL
        SELECT article_id || '#' || fact_index, 'duplicate fact' FROM facts GROUP BY ALL HAVING count(*) > 1
        UNION ALL
        SELECT article_id, 'duplicate article' FROM articles GROUP BY ALL HAVING count(*) > 1
        UNION ALL
        SELECT article_id, 'duplicate extraction' FROM extractions GROUP BY ALL HAVING count(*) > 1
        UNION ALL
        SELECT name, 'duplicate company' FROM companies GROUP BY ALL HAVING count(*) > 1
        ORDER BY 1""")


def descendants(pid: int) -> list[int]:
    """The processes `pid` started (its extraction workers), and theirs."""
    children = [int(child) for task in Path(f"/proc/{pid}/task").glob("*")
                for child in (task / "children").read_text().split()]
    return children + [grandchild for child in children for grandchild in descendants(child)]


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_run_killed_mid_extraction_leaves_whole_batches_and_the_rerun_completes(workspace, instance):
    write_generated_corpus(workspace.corpus)
    run = subprocess.Popen([sys.executable, "-c", RUN], env=workspace.env(), cwd=workspace.bin.parent.parent,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    try:
        for line in run.stderr:  # the run's log: kill it once two batches are stored
            if f"extracted {2 * PER_TRANSACTION}/{ARTICLES} articles" in line or time.monotonic() > deadline:
                break
        workers = descendants(run.pid)
        run.send_signal(signal.SIGKILL)
    finally:
        run.kill()
        run.wait()
    assert run.returncode == -signal.SIGKILL
    assert len(workers) >= 2  # the run extracted in worker processes, which end with it
    deadline = time.monotonic() + 30
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(running, workers))

    # What the next reader sees: all articles loaded, some whole batches extracted, nothing half.
    assert workspace.query("SELECT count(*) FROM articles") == [(ARTICLES,)]
    [(extracted,)] = workspace.query("SELECT count(*) FROM extractions")
    assert 2 * PER_TRANSACTION <= extracted < ARTICLES and extracted % PER_TRANSACTION == 0
    assert inconsistencies(workspace) == []

    result = materialize(instance)

    assert result.success and all(checks(result).values())
    assert workspace.query("SELECT count(*) FROM extractions") == [(ARTICLES,)]
    assert workspace.query("SELECT count(*) FROM facts WHERE kind = 'power'") == [(ARTICLES,)]
    assert inconsistencies(workspace) == []
    after_rerun = dump(workspace)

    materialize(instance)  # nothing left to do
    assert dump(workspace) == after_rerun
