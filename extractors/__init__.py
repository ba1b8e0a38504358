"""Deal-fact extraction from news text: readers, spaCy pipeline and Pydantic records.

Knows nothing of Dagster or DuckDB, so it runs on its own (`dealfacts extract`).
"""
