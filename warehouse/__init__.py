"""The DuckDB warehouse of deal facts: schema, loading, auditing and reporting.

Plain functions over a DuckDB connection, so the Dagster pipeline, the CLI and tests share
them; nothing here knows about Dagster.
"""
