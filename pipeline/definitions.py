"""The one entry point: `dagster dev -m pipeline.definitions`.

Runs execute in one process, step after step: DuckDB allows a single writer per file, and the
extractor's spaCy model is then loaded once per run rather than once per step.
"""
import dagster as dg

from pipeline.assets import articles, consolidated_deals, deal_report, extract, sql_views
from pipeline.checks import CHECKS
from pipeline.resources import from_environment
from pipeline.sensors import corpus_sensor, refresh_warehouse

defs = dg.Definitions(
    assets=[articles, extract, consolidated_deals, sql_views, deal_report],
    asset_checks=CHECKS,
    jobs=[refresh_warehouse],
    sensors=[corpus_sensor],
    resources=from_environment(),
    executor=dg.in_process_executor,
)
