# claimgraph — the two commands of the README, and the checks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

## demo: set up and analyse the bundled sample article
demo: $(STAMP)
	$(BIN)/claimgraph analyze examples/sample_article.html

## test: set up and run the test suite (what CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## check: ruff and mypy
check: lint typecheck
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
typecheck: $(STAMP)
	$(BIN)/mypy src/claimgraph

## bench: every benchmark (needs ../shared/data); results go to BENCHMARKS.md by hand
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
