# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install run test bench bench-scale quality ui chromium

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dask]'
	touch $@

# Dagster keeps run history in .dagster_home/; one run at a time, as DuckDB has one writer.
DAGSTER_HOME_DIR := $(CURDIR)/.dagster_home
# PYTHONWARNINGS: Dagster warns that `asset materialize` is superseded and that a parameter is beta
DAGSTER := DAGSTER_HOME=$(DAGSTER_HOME_DIR) PYTHONWARNINGS=ignore $(BIN)/dagster

$(DAGSTER_HOME_DIR)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME_DIR)
	printf 'run_queue:\n  max_concurrent_runs: 1\ntelemetry:\n  enabled: false\n' > $@

# One run at a time per DAGSTER_HOME: a second `make run` waits for the first (two set up a fresh
# home's SQLite storage at once and one fails; and DuckDB has one writer anyway).
RUN_LOCK := flock $(DAGSTER_HOME_DIR)/run.lock env

# Bring the warehouse in line with corpus/ (only new and changed articles are extracted).
run: install $(DAGSTER_HOME_DIR)/dagster.yaml
	$(RUN_LOCK) $(DAGSTER) asset materialize -m pipeline.definitions --select '*' \
		--config-json '{"loggers": {"console": {"config": {"log_level": "INFO"}}}}'
	$(BIN)/dealfacts summary

# The Dagster UI on http://127.0.0.1:$(PORT), 3000 unless `make ui PORT=3123` (the corpus sensor
# is off until switched on there).
PORT ?= 3000
ui: install $(DAGSTER_HOME_DIR)/dagster.yaml
	test -e $(DAGSTER_HOME_DIR)/history/runs.db || $(RUN_LOCK) $(DAGSTER) instance migrate >/dev/null
	$(DAGSTER) dev -m pipeline.definitions -h 127.0.0.1 -p $(PORT)

# Browser tests drive Debian's chromium; CI machines may not have it yet.
chromium:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

test: install chromium
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/bench.py

# extraction's cost per article and peak memory at 1,000, 5,000 and 20,000 articles
bench-scale: install
	$(BIN)/python bench/growth.py

# F1 of every kind, companies and deals on the dev set and the held-out gold sets; measures' accuracy
quality: install
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/consolidation.py tests/extraction/gold/consolidation.jsonl
	$(BIN)/python bench/consolidation.py tests/extraction/gold/consolidation-b.jsonl
	$(BIN)/python bench/measure_quality.py
