# gongkai — the two commands of the README quick start, and their helpers.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint typecheck test-sqlite test-postgres browser bench clean

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
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(MAKE) test-sqlite test-postgres

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q -n 2

test-postgres: $(STAMP)
	scripts/ensure-postgres
	DATABASE_URL=$${GONGKAI_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/gongkai} \
		$(BIN)/pytest -q -n 2 tests/web

## browser: Debian's Chromium for the Playwright tests (installed once)
browser:
	@scripts/ensure-chromium

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
