"""The deal report a person opens: written by the real Dagster job, drawn by Chromium offline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_pipeline import materialize
from test_ui import CHROMIUM, CHROMIUM_ARGS

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                 reason="needs Debian's chromium (make chromium)")]


def test_the_report_opens_offline_with_its_charts_drawn(workspace, instance):
    workspace.write_all()
    result = materialize(instance)
    [event] = result.asset_materializations_for_node("deal_report")
    path = Path(event.metadata["path"].value)
    assert path == workspace.warehouse.with_name("deal_report.html")
    assert "<script src=\"http" not in path.read_text(encoding="utf-8")  # nothing fetched from the network

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--blink-settings=imagesEnabled=false"])
        page = browser.new_page()
        page.route("http*://**", lambda route: route.abort())  # offline: any request would fail
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".js-plotly-plot")
        assert charts.count() == 3
        bars = [charts.nth(i).locator(".bars path").count() for i in range(3)]
        deals, months = workspace.query("SELECT count(*), count(DISTINCT date_trunc('month', first_reported)) "
                                        "FROM deals")[0]
        assert bars[0] >= 1 and bars[2] >= 1, bars  # deal values by month; companies with the most deals
        assert page.get_by_text(f"{deals} real-world deals from 3 articles").count() == 1
        largest = workspace.query("SELECT parties FROM deal_overview WHERE value_usd IS NOT NULL "
                                  "ORDER BY value_usd DESC LIMIT 1")[0][0]
        assert page.get_by_role("cell", name=largest).count() == 1
        assert months >= 1
        browser.close()
