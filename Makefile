# Parvis: `make run` serves the site, `make test` runs the tests; both install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= $(shell nproc)
THREADS ?= 4

.PHONY: run serve setup data test quality bench bench-relevance clean system-packages pdf-libraries

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

## Debian packages the Python wheels do not bring, installed only when missing (as root):
## pango for WeasyPrint's PDFs (attestations), clamd for the antivirus tests
pdf-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 || (apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)

system-packages: pdf-libraries
	@test -x /usr/sbin/clamd || command -v clamd >/dev/null || (apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends clamav-daemon)

data: setup pdf-libraries
	$(PY) -m parvis migrate --no-input -v0
	$(PY) -m parvis ingest
	$(PY) -m parvis build_index
	$(PY) -m parvis demo_procedure
	$(PY) -m parvis collectstatic --no-input -v0

## Install, ingest the whole corpus, build the indexes, serve on http://127.0.0.1:$(PORT)
run: data serve

## granian in production mode (secure cookies, HSTS, no debug; private data dir):
## one worker process per core, THREADS threads each; indexes opened at start
serve:
	PARVIS_ENV=production PARVIS_WARM_ENGINE=1 $(VENV)/bin/granian --interface wsgi parvis.wsgi:application \
		--host 127.0.0.1 --port $(PORT) --workers $(WORKERS) --blocking-threads $(THREADS) \
		--runtime-mode st

## Run the whole test suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
test: setup system-packages
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(PY) -m pytest

quality: setup
	$(VENV)/bin/ruff check parvis tests bench
	$(VENV)/bin/ruff format --check parvis tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint parvis --lint
	$(VENV)/bin/djlint parvis --check
	$(PY) -m parvis makemigrations --check --dry-run

## Replay the relevance evaluation of BENCHMARKS.md on the full index; fails when off bench/expected/
bench-relevance: setup
	$(PY) bench/relevance.py

clean:
	rm -rf $(VENV) node_modules var
