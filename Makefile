# Curtain Call Box Office.
#   make run    install what is missing, start the database, seed it, serve the app
#   make test   every check: lint, database, API, frontend, browser
# Each step is skipped when its output is newer than its inputs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FRONTEND_DEPS := frontend/node_modules/.package-lock.json
FRONTEND_BUILD := frontend/dist/index.html
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/public \
	frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test lint test-python test-frontend browser db-start db-stop psql seed clean \
	mssql-deploy bench

run: $(STAMP) $(FRONTEND_BUILD)
	$(PY) -m tools.manage run

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(FRONTEND_DEPS): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

$(FRONTEND_BUILD): $(FRONTEND_DEPS) $(FRONTEND_SOURCES)
	cd frontend && npm run build

# Debian's Chromium drives the browser tests; install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP) $(FRONTEND_DEPS)
	$(PY) -m ruff check api bench tools seed tests
	$(PY) -m ruff format --check api bench tools seed tests
	cd frontend && npm run lint

test-frontend: $(FRONTEND_DEPS)
	cd frontend && npm test

test-python: $(STAMP) $(FRONTEND_BUILD) browser
	$(PY) -m pytest

test: lint test-frontend test-python

db-start: $(STAMP)
	$(PY) -m tools.manage db-start

db-stop: $(STAMP)
	$(PY) -m tools.manage db-stop

psql: $(STAMP)
	$(PY) -m tools.manage psql

seed: $(STAMP)
	$(PY) -m tools.manage seed $(if $(SCALE),--scale $(SCALE))

# The benchmark: the large data set, an on-sale rush and a browsing mix over
# HTTP, and the raw commit rate of this machine; prints a table of figures.
bench: $(STAMP)
	$(PY) -m bench.run

clean:
	-$(PY) -m tools.manage db-stop
	rm -rf var frontend/dist

# SQL Server: deploy the T-SQL twin to MSSQL_URL (mssql://user:pass@host:1433/db
# or an ODBC connection string). Add SEED=1 to load the seed data, and
# TSQLT_CLASS_SQL=path/to/tSQLt.class.sql with TEST=1 to run the tSQLt tests.
mssql-deploy: $(STAMP)
	@test -n "$$MSSQL_URL" || { echo "Set MSSQL_URL to the SQL Server database"; exit 2; }
	$(PY) -m tools.mssql_deploy --url "$$MSSQL_URL" $(if $(SEED),--seed) $(if $(TEST),--test)
