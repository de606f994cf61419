# Målbild. `make serve` builds and serves the site; `make test` runs every test.
# Both create .venv and install what they need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve build check test lint format bench clean schemas

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(PY) -m sitegen serve

build: $(STAMP)
	$(PY) -m sitegen build

check: $(STAMP)
	$(PY) -m sitegen check

test: $(STAMP)
	$(PY) -m ruff check sitegen tests build.py
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check sitegen tests build.py
	$(PY) -m ruff format --check sitegen tests build.py

format: $(STAMP)
	$(PY) -m ruff format sitegen tests build.py
	$(PY) -m ruff check --fix sitegen tests build.py

clean:
	rm -rf _site .pytest_cache
