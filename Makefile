# One command per task; `make help` lists them. Each runs a script you can also call directly.
SHELL := /bin/sh
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# pytest-xdist: a worker a core, each test file in one worker (its module fixtures built once); 0 runs pytest in one process.
PYTEST_WORKERS ?= auto
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

help: ## List the tasks
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

install: $(VENV)/.site-installed ## Create .venv with the pinned packages for building the site

install-test: $(VENV)/.test-installed ## Add the pinned test packages (pytest, Playwright, LinkChecker, axe-core, pre-commit, check-jsonschema)

install-browser: ## Install the system Chromium (and pdftotext) for the browser tests, if missing
	./scripts/install-browser.sh

node_modules/.installed: package.json package-lock.json
	./scripts/install-node-tools.sh
	touch $@

install-node: node_modules/.installed ## Install the pinned Node tools (Nu HTML Checker, Lighthouse), and Node, npm and Java if missing

validate: install ## Check every practice example and the guide's data (one file: .venv/bin/python scripts/validate.py FILE)
	$(PY) scripts/validate.py

schema: install ## Write the tag, section and take-away lists from the guide's data into schema.json
	$(PY) scripts/sync_schema.py

issue-form: install ## Write the "Propose an example" issue form from schema.json and the guide's data
	$(PY) scripts/issue_form.py

build: validate ## Validate, then build the site strictly into site/
	$(PY) -m mkdocs build --strict --quiet

serve: install ## Build and serve at http://127.0.0.1:8000/drugs-and-alcohol/ (site_url's path), reloading when a file changes
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

linkcheck: install-test ## Check every internal link and anchor in site/ over HTTP
	$(PY) scripts/check_links.py

linkcheck-external: install-test ## Also check links to other sites (scheduled job; needs the network)
	$(PY) scripts/check_links.py --external

test: ## Everything CI runs: validate, build, then pytest (the link check among its tests), a worker a core
	@# The installs and the build go side by side: pip, npm and mkdocs wait on the network, the disk and
	@# the CPU in turn (apt-install.sh takes one apt run at a time).
	@$(MAKE) --no-print-directory --jobs=4 --output-sync=target test-ready
	$(PY) scripts/addresses.py --check
	BUILT_SITE=site $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal --durations=15

test-ready: install-test install-browser install-node build ## make test's first step: the installs, then validate and build, side by side

addresses: install ## Record every published address in published-addresses.txt (commit it; the build fails if one goes)
	$(PY) scripts/addresses.py

offline: install validate ## Write dist/drugs-alcohol-probation-offline.zip, the site to open from a folder; refuses a SITE_URL on this machine (a copy for here only: ARGS=--allow-local-address)
	$(PY) scripts/offline.py $(ARGS)

print-figures: install-test install-browser build ## Print page types to A4 PDF in Chromium: page counts, body text size, colours
	$(PY) scripts/print_figures.py --out dist/print

html-check: install-node build ## Check every built page with the Nu HTML Checker; any error fails
	$(PY) scripts/check_html.py

a11y: install-test install-browser build ## Check every built page with axe-core: both colour schemes, search open and showing results, browse filtered and empty
	$(PY) scripts/a11y.py

phone-figures: install-test install-browser build ## Measure browse and home on a 390 x 844 phone: filter form height, first result, Tab presses
	$(PY) scripts/phone_figures.py

lighthouse: install-test install-node install-browser build ## Lighthouse scores for home, a section, an example and browse, served gzipped as a host would
	$(PY) scripts/lighthouse.py

fuzz: install-test ## Property-based tests with many more generated records (FUZZ_BUILDS=20 builds more sites)
	HYPOTHESIS_PROFILE=fuzz FUZZ_BUILDS=$${FUZZ_BUILDS:-20} $(PY) -m pytest tests/test_fuzz.py

benchmark: install-test install-browser ## Compare with bare Material at 100 to 5,000 examples (options: ARGS="--help")
	$(PY) scripts/benchmark.py $(ARGS)

search-quality: install-test install-browser build ## Rank quality of the header search and the browse words box on tests/search_judgments.yaml: MRR, hit@3, nDCG@10
	$(PY) scripts/search_quality.py $(ARGS)

benchmark-validation: install ## Cold validation (nothing cached) in CPU and wall-clock ms per record, stage by stage, then warm, at 1,000 records (ARGS="--before main" beside main)
	$(PY) scripts/benchmark_validation.py $(ARGS)

benchmark-personal: install ## Personal-details check: recall on planted details, false alarms on ordinary sentences, time on awkward 100,000-character texts
	$(PY) scripts/benchmark_personal.py

reflow: install-test install-browser build ## Check that no kind of page scrolls sideways at 320 px (a phone, 400% zoom); names each page and its widest element
	$(PY) scripts/reflow.py

page-heights: install-test install-browser build ## Print the Tags and coverage pages' heights at 390 px and 1280 px (other pages: .venv/bin/python scripts/page_heights.py PATH)
	$(PY) scripts/page_heights.py

new: install ## Start a new example: make new ID=naloxone-at-induction SECTION=reducing-harm [TITLE="..."]; asks for what is missing
	@$(PY) scripts/new_example.py --id "$$NEW_EXAMPLE_ID" --section "$$NEW_EXAMPLE_SECTION" --title "$$NEW_EXAMPLE_TITLE"
# Passed through the environment, unexpanded, so a title with quotes, $ or ` reaches the script as typed.
new: export NEW_EXAMPLE_ID = $(value ID)
new: export NEW_EXAMPLE_SECTION = $(value SECTION)
new: export NEW_EXAMPLE_TITLE = $(value TITLE)

clean: ## Remove the built site, the offline copy and caches (keeps .venv and node_modules)
	rm -rf site dist .pytest_cache .cache

.PHONY: help install install-test install-browser install-node validate schema issue-form build serve linkcheck linkcheck-external test test-ready fuzz benchmark benchmark-validation benchmark-personal search-quality page-heights reflow new addresses offline print-figures html-check a11y phone-figures lighthouse clean
