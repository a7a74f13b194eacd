# Two commands do all set-up (see README):
#   make demo   installs dateline into .venv and runs it on the example articles
#   make test   runs the whole test suite (what CI runs)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[eval,dev]'
	touch $(STAMP)

.PHONY: install demo test lint bench
install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dateline extract examples --format text
	rm -f examples.duckdb
	$(BIN)/dateline ingest examples --db examples.duckdb
	$(BIN)/dateline stats --db examples.duckdb

test: $(STAMP)
	$(BIN)/ruff check dateline tests benchmarks
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py
