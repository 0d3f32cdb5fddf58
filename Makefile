# Đảng Vụ — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 2025
# The suite runs on every core (pytest-xdist; one test database per worker on both databases).
PYTEST_ARGS ?= -n auto

.PHONY: run test setup assets browser migrate demo lint check bench clean-db

## make run: set up (first time), migrate, load the demo once, serve on http://$(HOST):$(PORT) (default 127.0.0.1:8000)
run: setup
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo --seed $(SEED) --if-empty
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)/
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

## make test: the whole suite (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
test: setup browser
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) manage.py rules_doc --check
	$(PY) manage.py statistics_doc --check
	$(VENV)/bin/ruff check .
	PYTHONPATH=. $(VENV)/bin/lint-imports
	$(PY) scripts/dead_code.py
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed assets

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

assets: dangvu/static/vendor/.installed

dangvu/static/vendor/.installed: package.json package-lock.json scripts/vendor_assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(PYTHON) scripts/vendor_assets.py
	touch $@

## Debian's chromium for the browser tests (never `playwright install`: it downloads a browser).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Cần Chromium của Debian cho kiểm thử trình duyệt: sudo apt-get install -y chromium" >&2; exit 1; fi; \
	fi

## make lint: ruff, the layers of the apps (import-linter, contracts in .importlinter), dead code (vulture)
lint: setup
	$(VENV)/bin/ruff check .
	PYTHONPATH=. $(VENV)/bin/lint-imports
	$(PY) scripts/dead_code.py

IMPORT_BENCH_ROWS ?= 1000

bench: setup
	$(PY) -m bench
	$(PY) -m bench.imports --rows $(IMPORT_BENCH_ROWS)

clean-db:
	rm -f var/dangvu.sqlite3 var/dangvu.sqlite3-wal var/dangvu.sqlite3-shm
