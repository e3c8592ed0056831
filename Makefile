# Modelpress: `make site` builds the demo site, `make test` runs every test.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: help site serve check test lint typecheck pytest bench publish schema clean

help:
	@echo "make site     build the demo site into site/ (mkdocs build --strict)"
	@echo "make serve    preview on http://127.0.0.1:8000; a save re-renders only what it touches"
	@echo "make check    check data/ and content/ without building"
	@echo "make test     ruff, mypy and every test (installs Chromium as root)"
	@echo "make bench    benchmarks against the anchors (QUICK=1 for a short run)"
	@echo "make publish  deploy the site to the gh-pages branch (mkdocs gh-deploy)"

$(SITE_STAMP): pyproject.toml
	@$(PYTHON) scripts/require-python.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

$(BENCH_STAMP): $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

site: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict
	@echo "Built the site into $(CURDIR)/site/ (open site/index.html, or run 'make serve')."

serve: $(SITE_STAMP)
	$(BIN)/modelpress serve

check: $(SITE_STAMP)
	$(BIN)/modelpress check

schema: $(SITE_STAMP)
	$(BIN)/modelpress schema --out schema

lint: $(TEST_STAMP)
	$(BIN)/ruff check plugins tests scripts bench
	$(BIN)/ruff format --check plugins tests scripts bench
	$(BIN)/lint-imports  # the layering contracts in pyproject.toml [tool.importlinter]

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

pytest: $(TEST_STAMP)
	@scripts/ensure-chromium.sh
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: $(BENCH_STAMP)
	@scripts/ensure-chromium.sh
	$(BIN)/python bench/run.py $(if $(QUICK),--quick,)

publish: $(SITE_STAMP)
	$(BIN)/mkdocs gh-deploy --strict --force --no-history

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache .cache/modelpress/build
