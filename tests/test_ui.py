"""The Dagster UI end to end: `dagster dev` on a free port, Chromium materialises everything from
the asset graph, the run succeeds and the facts and rejected files show as metadata."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Set to a folder (e.g. docs) to keep the screenshots for the README.
SCREENSHOTS = os.environ.get("DEALFACTS_SCREENSHOTS")

# Skipped on a developer machine without chromium; CI (where `make test` installs it) must run it.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                 reason="needs Debian's chromium (make chromium)")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "dagster dev exited"
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds}s")


@pytest.fixture
def dagster_ui(workspace, tmp_path):
    """`make ui PORT=…` on the workspace (its DAGSTER_HOME); stopped with its whole process group."""
    port = free_port()
    log = (tmp_path / "dagster-dev.log").open("w")
    server = subprocess.Popen(
        ["make", "-s", "-C", str(Path(__file__).resolve().parents[1]), "ui", f"PORT={port}",
         f"DAGSTER_HOME_DIR={workspace.dagster_home}"],
        env=workspace.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/server_info", server, 120)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            pass
        try:  # dagster dev leaves its daemon and code servers behind on a slow shutdown
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        server.wait()
        log.close()


ASSETS = ("articles", "facts", "companies", "deals", "consolidated_deals", "sql_views", "deal_report")


def graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/graphql", json.dumps({"query": query}).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def materialized(url: str) -> set[str]:
    """The assets Dagster has a materialisation of."""
    nodes = graphql(url, "{ assetsOrError { ... on AssetConnection { nodes { key { path } "
                         "assetMaterializations(limit: 1) { timestamp } } } } }")["data"]["assetsOrError"]["nodes"]
    return {"/".join(n["key"]["path"]) for n in nodes if n["assetMaterializations"]}


def diagnosis(url: str, page, tmp_path: Path) -> str:
    """What a failed wait leaves to read in CI: run states from Dagster's GraphQL API, the page
    text and the end of `dagster dev`'s log."""
    runs = json.dumps(graphql(url, "{ runsOrError { ... on Runs { results { runId status } } } }"))
    log = (tmp_path / "dagster-dev.log").read_text(errors="replace").splitlines()
    return "\n".join([f"runs: {runs}", "page:", page.inner_text("body")[:2000], "log:", *log[-80:]])


def test_materialise_everything_from_the_asset_graph(workspace, dagster_ui, tmp_path):
    workspace.write_all()
    (workspace.corpus / "broken.json").write_text("{not json", encoding="utf-8")
    shots = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.set_default_timeout(60_000)
        # The graph of every asset: deal_report and everything upstream of it.
        page.goto(f"{dagster_ui}/assets/deal_report?view=lineage&lineageScope=upstream&lineageDepth=7")
        # the first-visit newsletter prompt may cover the page whenever it appears: dismiss it
        skip = page.get_by_role("button", name="Skip")
        page.add_locator_handler(skip, lambda locator: locator.click())
        page.wait_for_load_state("networkidle")
        for asset in ASSETS:
            page.get_by_text(asset, exact=True).first.wait_for()

        page.get_by_role("button", name="Materialize all").click()
        page.get_by_text("Launched run").wait_for()

        # The runs list refreshes itself; reloading it could outrun a slow first render.
        page.goto(f"{dagster_ui}/runs")
        success = page.get_by_text("Success", exact=True)
        try:
            success.or_(page.get_by_text("Failure", exact=True)).first.wait_for(timeout=300_000)
        except playwright.TimeoutError:
            pytest.fail(f"no run finished in 300 s\n{diagnosis(dagster_ui, page, tmp_path)}")
        assert success.count(), f"the run failed\n{diagnosis(dagster_ui, page, tmp_path)}"
        assert workspace.query("SELECT count(*) FROM articles") == [(3,)]
        facts = workspace.query("SELECT text FROM facts ORDER BY extractor_version, article_id, fact_index")
        assert facts

        page.goto(f"{dagster_ui}/assets/deal_report?view=lineage&lineageScope=upstream&lineageDepth=7")
        page.get_by_text("consolidated_deals", exact=True).first.wait_for()  # seven assets: drawn small,
        assert materialized(dagster_ui) == set(ASSETS)  # so their state is read from Dagster's API
        page.wait_for_timeout(1000)
        page.screenshot(path=str(shots / "ui-lineage.png"))

        page.goto(f"{dagster_ui}/assets/facts")
        newest = page.get_by_text("newest_facts", exact=True)
        newest.wait_for()
        page.get_by_text(facts[0][0], exact=True).first.wait_for()
        newest.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "ui.png"))

        page.goto(f"{dagster_ui}/assets/articles")
        page.get_by_text("rejected_files", exact=True).last.wait_for()
        assert page.get_by_text("malformed JSON", exact=False).count()
        browser.close()
