# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install run test bench ui chromium

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

run: install
	$(BIN)/dealfacts extract --format table corpus/

# Browser tests drive Debian's chromium; CI machines may not have it yet.
chromium:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

test: install chromium
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/bench.py
