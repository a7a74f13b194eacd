# Two commands do all set-up (see README):
#   make demo   installs dateline into .venv and runs it on the example articles
#   make test   runs the whole test suite (what CI runs); make test-fast the quick part
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[eval,dev]'
	touch $(STAMP)

.PHONY: install demo test test-fast lint bench browser
install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dateline extract examples --format text
	rm -f examples.duckdb
	$(BIN)/dateline ingest examples --db examples.duckdb
	$(BIN)/dateline stats --db examples.duckdb

test: $(STAMP) browser
	$(BIN)/ruff check dateline tests benchmarks
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

# the tests that neither load spaCy nor read ../shared (markers set in tests/conftest.py): < 30 s
test-fast: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q -m "not slow and not datasets"

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py

# The web page's tests drive Debian's chromium (headless); they skip, saying why, where it cannot be had.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null) || echo "dateline: chromium could not be installed: the browser tests will skip"
