# Convene: `make run` serves the demo on http://127.0.0.1:8000; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run`, `make demo` and the other development targets run with DEBUG on; the tests never do.
export DJANGO_DEBUG ?= 1

.PHONY: prod run setup test lint format translations messages demo benchmark bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Compiled catalogues are committed; recompile when GNU gettext is there to do it.
translations: $(VENV)/.runtime
	@if command -v msgfmt >/dev/null 2>&1; then $(BIN)/python manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed .mo catalogues"; fi

setup: $(VENV)/.runtime translations
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_demo_account

# Load (or refresh) the demo data only: safe to run again, it changes nothing the second time.
demo: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo

run: setup
	@echo "Convene is serving on http://$(HOST):$(PORT)/"
	@echo "  admin (secretariat back office): http://$(HOST):$(PORT)/admin/"
	@echo "  demo meeting: http://$(HOST):$(PORT)/en/meetings/16th-un-oic-general-meeting-astana-2024/"
	@echo "  API docs: http://$(HOST):$(PORT)/api/v1/docs/"
	@echo "  with a worker for long jobs (badges, exports, large imports): manage.py db_worker"
	@# The worker runs beside the server and stops with it (Ctrl-C, or the server failing to start); two workers on
	@# one database never run the same job, so a second `make run` is harmless (its server finds the port taken).
	@$(BIN)/python manage.py db_worker --no-reload --verbosity 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine, in the foreground until Ctrl-C (scripts/prod.py, docs/DEPLOYMENT.md):
# nginx (Debian's package) on http://127.0.0.1:$(PROD_PORT)/ buffering in front of gunicorn, static files and
# uploaded files served by nginx, the task worker. DEBUG off; DATABASE_URL, REDIS_URL and the rest from the
# environment. PROD_ARGS="--demo" loads the demo; "--tls-cert C --tls-key K" serves HTTPS.
PROD_PORT ?= 8080
prod: $(VENV)/.runtime translations
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { echo "nginx not found: apt-get install nginx"; exit 1; }
	DJANGO_DEBUG=0 $(BIN)/python scripts/prod.py --port $(PROD_PORT) $(PROD_ARGS)

# The suite runs in production settings (config/settings_test.py), DEBUG off, on TEST_WORKERS processes (xdist),
# and prints the branch coverage of the domain and API code (SlipCover, tests/coverage.py), failing under the
# floor in pyproject.toml's [tool.slipcover]; `make test COVERAGE=` runs without measuring. Python may cache the
# compiled modules (and pytest its rewritten tests) even where the environment says not to: every worker
# otherwise compiles them all again.
TEST_WORKERS ?= auto
COVERAGE ?= --coverage
test: $(VENV)/.dev translations
	PYTHONDONTWRITEBYTECODE= DJANGO_DEBUG=0 $(BIN)/python -m pytest -n $(TEST_WORKERS) $(COVERAGE) $(PYTEST_ARGS)

# ruff, then the layers (.importlinter): an import from a lower app to a higher one fails the build.
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh locale/*/django.po from the code and templates (then translate, then `make translations`).
messages: $(VENV)/.runtime
	$(BIN)/python manage.py makemessages -l fr -l ar --ignore=.venv --ignore=staticfiles --no-obsolete

benchmark: $(VENV)/.dev
	$(BIN)/python scripts/benchmark_pages.py
	$(BIN)/python scripts/benchmark_api.py

# Serve data sets of three sizes with gunicorn on SQLite and PostgreSQL, drive them with wrk, write
# docs/PERFORMANCE.md (scripts/bench.py; e.g. make bench BENCH_ARGS="--quick --sizes demo large").
bench: $(VENV)/.runtime
	@command -v wrk >/dev/null 2>&1 || { echo "wrk not found: apt-get install wrk"; exit 1; }
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Refresh the README's agenda screenshots (docs/screenshots/) from the demo data, in Chromium.
screenshots: $(VENV)/.dev translations
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles
