# Zhixing: `make demo` starts the platform with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install postgresql-client test lint typecheck pytest demo bench clean

install: $(STAMP) node_modules/.installed postgresql-client

# pg_dump, pg_restore and psql for `zhixing backup` / `zhixing restore` on PostgreSQL. Without
# apt-get rights the install goes on (SQLite needs none of them) and says what is missing.
postgresql-client:
	@command -v pg_dump >/dev/null 2>&1 || { \
	  export DEBIAN_FRONTEND=noninteractive; \
	  { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; } || \
	  echo "make install: postgresql-client not installed (apt-get failed); zhixing backup/restore on PostgreSQL need it" >&2; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,spark]'
	touch $(STAMP)

# Front-end packages (htmx, ECharts) from package-lock.json; served as static files.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.installed

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports

# django-stubs loads the settings, which refuse to start without a secret key.
typecheck: install
	ZHIXING_SECRET_KEY="$${ZHIXING_SECRET_KEY:-typecheck-only}" $(BIN)/mypy src

pytest: install
	bash scripts/run-tests

test: lint typecheck pytest

demo: install
	bash scripts/demo

# The benchmark's servers get a key of the run's own unless the environment sets one.
bench: install
	ZHIXING_DATABASE_URL="sqlite:///var/test.sqlite3" ZHIXING_SCHEMATHESIS_EXAMPLES=200 \
	  $(BIN)/pytest -q tests/test_api_schemathesis.py
	ZHIXING_SECRET_KEY="$${ZHIXING_SECRET_KEY:-$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')}" \
	  $(BIN)/zhixing bench --out docs

clean:
	rm -rf $(VENV) var
