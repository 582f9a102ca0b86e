# claimgraph — the two commands of the README, and the checks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test serve check lint typecheck imports bench clean

TEST_STAMP := $(VENV)/.installed-test
WEB_STAMP  := $(VENV)/.installed-web

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

# the test suite also needs the web extra (the web app's tests; browser tests use Playwright +
# chromium) and the Ray extra (the Ray engine's tests, on a local Ray instance)
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev,web,ray]"
	touch $(TEST_STAMP)

$(WEB_STAMP): $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[web]"
	touch $(WEB_STAMP)

## serve: the web app and API on http://127.0.0.1:8000/ (installs the web extra)
serve: $(WEB_STAMP)
	$(BIN)/claimgraph serve

## demo: set up and analyse the bundled sample article
demo: $(STAMP)
	$(BIN)/claimgraph analyze examples/sample_article.html

## test: set up (with the web and Ray extras, whose tests run too) and run the test suite (what CI runs)
test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

## check: ruff, mypy and the layout's import contracts (import-linter, in pyproject.toml)
check: lint typecheck imports
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
typecheck: $(TEST_STAMP)
	$(BIN)/mypy src/claimgraph
imports: $(STAMP)
	$(BIN)/lint-imports

## bench: the accuracy and speed benchmarks (needs ../shared/data; about an hour on 2 cores).
## Results are copied into BENCHMARKS.md by hand, with the date and machine.
DATA ?= ../shared/data
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_actors.py
	$(BIN)/python benchmarks/bench_actors.py --set check
	$(BIN)/claimgraph eval polnear --data $(DATA)/polnear/data --split dev
	$(BIN)/claimgraph eval cameo --data $(DATA)/cameo/eventtypes.csv
	$(BIN)/claimgraph eval subjectivity
	$(BIN)/claimgraph eval checkworthy
	$(BIN)/claimgraph eval fnc1
	$(BIN)/claimgraph eval matching

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
