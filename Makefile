# gongkai — the two commands of the README quick start, and their helpers.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint typecheck test-sqlite test-postgres test-compiled compiled browser bench clean

$(STAMP): pyproject.toml frontend/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	scripts/build-frontend
	touch $(STAMP)

## demo: set up and run the main job on example data (SQLite, the embedded default)
demo: $(STAMP)
	$(BIN)/gongkai demo

## test: set up and run linters, type checks and the whole suite on SQLite and PostgreSQL
test: $(STAMP) browser
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/mypy
	$(MAKE) test-sqlite test-postgres test-compiled

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q -n 2

test-postgres: $(STAMP)
	scripts/ensure-postgres
	DATABASE_URL=$${GONGKAI_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/gongkai} \
		$(BIN)/pytest -q -n 2 tests/web

## test-compiled: the reader's and CLI's tests again, on the mypyc-compiled reader release wheels ship
test-compiled: compiled
	env -u DATABASE_URL PYTHONPATH=build/compiled GONGKAI_EXPECT_COMPILED=1 $(BIN)/pytest -q -n 2 tests/reader tests/cli

## compiled: build the wheel with the reader compiled by mypyc into build/compiled (see setup.py)
compiled: $(STAMP)
	PYTHON=$(BIN)/python scripts/build-compiled

## browser: Debian's Chromium for the Playwright tests (installed once)
browser:
	@scripts/ensure-chromium

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
