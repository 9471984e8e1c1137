# make run   – virtualenv, install, migrate, demo data, serve HTTP + WebSocket on 127.0.0.1:8000
# make test  – lint, migrations check, import contract, translations, pytest
# make bench – benchmarks under bench/ (not part of make test)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint format messages bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/base.txt requirements/test.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements/test.txt
	touch $@ $(VENV)/.installed-base

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

test: lint $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest

bench: $(VENV)/.installed-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var db.sqlite3 tests/artifacts
