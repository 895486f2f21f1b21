# Zhixing: `make demo` starts the platform with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint typecheck pytest demo bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,spark]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests

typecheck: install
	$(BIN)/mypy src

pytest: install
	bash scripts/run-tests

test: lint typecheck pytest

demo: install
	bash scripts/demo

bench: install
	$(BIN)/zhixing bench --out docs

clean:
	rm -rf $(VENV) var
