# Målbild. `make serve` builds and serves the site; `make test` runs every test.
# Both create .venv and install what they need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve build check test lint format bench clean schemas i18n sysdeps

# WeasyPrint (the PDF reports) needs Debian's Pango: installed here as root when it is missing.
PANGO_LIBS := libpango-1.0-0 libpangoft2-1.0-0
HAVE_PANGO := { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libpangoft2-1.0.so.0'

$(STAMP): pyproject.toml
	@$(HAVE_PANGO) || { [ "$$(id -u)" = 0 ] && export DEBIAN_FRONTEND=noninteractive && \
		apt-get update -qq && apt-get install -y -qq $(PANGO_LIBS) >/dev/null; } || \
		echo "Obs: installera $(PANGO_LIBS) (Debian) för PDF-rapporterna, eller bygg med --no-pdf"
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
		--project=Målbild --copyright-holder="Målbild" -k N_ -o sitegen/locale/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --no-wrap -i sitegen/locale/messages.pot \
		-d sitegen/locale -l en

# Debian packages the tests need (installed as root when missing), before npm is used.
sysdeps:
	@bash .ci/system-packages

test: sysdeps $(STAMP) $(VNU)
	$(PY) -m ruff check sitegen tests build.py
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check sitegen tests build.py
	$(PY) -m ruff format --check sitegen tests build.py

format: $(STAMP)
	$(PY) -m ruff format sitegen tests build.py
	$(PY) -m ruff check --fix sitegen tests build.py

# The benchmark (issue 8): Målbild against Hugo + Pagefind on a synthetic corpus of 30, 100 and
# 290 municipalities; writes benchmarks/out/results.json and results.md. Installs Hugo if missing.
bench: $(STAMP)
	command -v hugo >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf _site .pytest_cache
