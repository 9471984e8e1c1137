# make run   – virtualenv, install, migrate, demo data, serve HTTP + WebSocket on 127.0.0.1:8000
# make check – lint, format, migrations check, OpenAPI schema, import contracts, translations (no database)
# make pytest – the test suite, in parallel (PYTEST_WORKERS, default 2; PYTEST_ARGS for more)
# make test  – check, then pytest
# make bench – benchmarks under bench/ (not part of make test)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# Some machines set PYTHONDONTWRITEBYTECODE: then every Python process compiles Django, Wagtail
# and the project from source again (about 8 s of CPU per test worker, manage.py command and
# subprocess a test starts). The bytecode caches are ignored by git.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run serve check pytest test lint format messages bench bench-quick clean npm

# Packages go in with uv (pinned here): the whole of requirements/test.txt in seconds instead
# of a minute with pip, which matters for CI's fresh clone. pip is the fallback when uv cannot
# be installed or cannot reach the index; both install the exact pins of requirements/.
UV_VERSION ?= 0.13.9
UV := $(VENV)/bin/uv
INSTALL = { $(UV) pip install -q --python $(PY) -r $(1) || $(PIP) install -q -r $(1); }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check uv==$(UV_VERSION) || true

$(VENV)/.installed-base: requirements/base.txt | $(VENV)/bin/python
	$(call INSTALL,requirements/base.txt)
	touch $@

$(VENV)/.installed-test: requirements/base.txt requirements/test.txt | $(VENV)/bin/python
	$(call INSTALL,requirements/test.txt)
	touch $@ $(VENV)/.installed-base

# axe-core for the accessibility browser tests, at the exact version package-lock.json pins
# (installed here, read from node_modules/ by the tests: nothing is fetched at run time).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

npm: node_modules/.installed

run: $(VENV)/.installed-base
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/  (log in as ambassador@example.com / socialshift)"
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

serve: $(VENV)/.installed-base
	$(VENV)/bin/uvicorn cms.asgi:application --host $(HOST) --port $(PORT) --reload

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed-test
	$(PY) manage.py makemessages -l nl --no-obsolete --no-location -i ".venv/*" -i "var/*" -i "tests/*" -i "bench/*"
	$(PY) manage.py makemessages -l nl -d djangojs --no-obsolete --no-location -i ".venv/*" -i "var/*"
	$(PY) manage.py compilemessages -l nl -i ".venv"

# Tests marked `source` read the source tree, not the running app (the Dutch translation is
# complete): they run here, once, not again in each database lane.
check: lint $(VENV)/.installed-test node_modules/.installed
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -p no:xdist -m source

# Exit status 5 is pytest's "no tests collected": a failure, said out loud.
pytest: $(VENV)/.installed-test node_modules/.installed
	@status=0; $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist worksteal -m "not source" --durations=25 $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; exit $$status

test: check pytest

bench: $(VENV)/.installed-test
	$(PY) bench/run.py $(BENCH_FLAGS)

# The same benchmarks at 10,000 members with short time boxes (a before/after check).
# `make bench BENCH_FLAGS="--sizes 1000000:20000000"` runs 1,000,000 members.
bench-quick: $(VENV)/.installed-test
	$(PY) bench/run.py --quick --sql-budget 3 --record-seconds 5 --per-member-seconds 10

clean:
	rm -rf $(VENV) var db.sqlite3 tests/artifacts node_modules
