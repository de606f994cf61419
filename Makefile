# Målbild. `make serve` builds and serves the site; `make test` runs every test.
# Both create .venv and install what they need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve build check test lint format bench clean schemas i18n

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

# JSON Schemas for the editors (schemas/*.schema.json) from the content models.
schemas: $(STAMP)
	$(PY) -m sitegen schemas

# The Nu Html Checker (vnu.jar) for tests/test_html_valid.py, from the npm registry.
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $(VNU)

# UI strings: extract `_()` from templates/ into the template catalogue and merge it into each
# language's messages.po; then translate the new (empty) msgstr entries. A test fails until done.
i18n: $(STAMP)
	$(VENV)/bin/pybabel extract --add-location=file --sort-output --no-wrap -F babel.cfg \
		--project=Målbild --copyright-holder="Målbild" -o sitegen/locale/messages.pot templates
	$(VENV)/bin/pybabel update --no-fuzzy-matching --no-wrap -i sitegen/locale/messages.pot \
		-d sitegen/locale -l en

test: $(STAMP) $(VNU)
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
