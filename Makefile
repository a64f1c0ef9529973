# The two set-up commands of the README. Each installs what it needs first:
# Python packages into .venv, front-end packages into node_modules (npm ci, from the lockfile),
# and, for the tests, Debian's chromium for the browser tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

.PHONY: run test lint typecheck pytest browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## run: install, then serve the web explorer on http://127.0.0.1:8000
run: $(STAMP) $(NODE_STAMP)
	$(BIN)/tumen serve --host 127.0.0.1 --port 8000

## test: install, then lint, type-check, validate the data and run every test (browser included)
test: $(STAMP) $(NODE_STAMP) browser lint typecheck pytest

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(NODE_STAMP)
	$(BIN)/tumen validate
	$(BIN)/tumen format --check
	$(BIN)/pytest --cov=tumen --cov-report=term:skip-covered --cov-report=xml:coverage.xml

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
