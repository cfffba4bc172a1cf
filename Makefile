# One command per task; `make help` lists them. Each runs a script you can also call directly.
SHELL := /bin/sh
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

help: ## List the tasks
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

install: $(VENV)/.site-installed ## Create .venv with the pinned packages for building the site

install-test: $(VENV)/.test-installed ## Add the pinned test packages (pytest, Playwright, LinkChecker, axe-core, pre-commit, check-jsonschema)

install-browser: ## Install the system Chromium for the browser tests, if it is missing
	./scripts/install-browser.sh

validate: install ## Check every practice example and the guide's data (one file: .venv/bin/python scripts/validate.py FILE)
	$(PY) scripts/validate.py

schema: install ## Write the tag, section and take-away lists from the guide's data into schema.json
	$(PY) scripts/sync_schema.py

issue-form: install ## Write the "Propose an example" issue form from schema.json and the guide's data
	$(PY) scripts/issue_form.py

build: validate ## Validate, then build the site strictly into site/
	$(PY) -m mkdocs build --strict --quiet

serve: install ## Build and serve at http://127.0.0.1:8000, reloading when a file changes
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

linkcheck: install-test ## Check every internal link and anchor in site/ over HTTP
	$(PY) scripts/check_links.py

linkcheck-external: install-test ## Also check links to other sites (scheduled job; needs the network)
	$(PY) scripts/check_links.py --external

test: install-test install-browser build ## Everything CI runs: validate, build, link check, then pytest
	$(PY) scripts/check_links.py
	$(PY) -m pytest

fuzz: install-test ## Property-based tests with many more generated records (FUZZ_BUILDS=20 builds more sites)
	HYPOTHESIS_PROFILE=fuzz FUZZ_BUILDS=$${FUZZ_BUILDS:-20} $(PY) -m pytest tests/test_fuzz.py

benchmark: install-test install-browser ## Compare with bare Material at 100 to 5,000 examples (options: ARGS="--help")
	$(PY) scripts/benchmark.py $(ARGS)

benchmark-personal: install ## Score the personal-details check on its test corpus and time it on awkward 60,000-character texts
	$(PY) scripts/benchmark_personal.py

page-heights: install-test install-browser build ## Print the Tags and coverage pages' heights at 390 px and 1280 px (other pages: .venv/bin/python scripts/page_heights.py PATH)
	$(PY) scripts/page_heights.py

new: install ## Start a new example: make new ID=naloxone-at-induction SECTION=reducing-harm [TITLE="..."]; asks for what is missing
	@$(PY) scripts/new_example.py --id "$$NEW_EXAMPLE_ID" --section "$$NEW_EXAMPLE_SECTION" --title "$$NEW_EXAMPLE_TITLE"
# Passed through the environment, unexpanded, so a title with quotes, $ or ` reaches the script as typed.
new: export NEW_EXAMPLE_ID = $(value ID)
new: export NEW_EXAMPLE_SECTION = $(value SECTION)
new: export NEW_EXAMPLE_TITLE = $(value TITLE)

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache

.PHONY: help install install-test install-browser validate schema issue-form build serve linkcheck linkcheck-external test fuzz benchmark benchmark-personal page-heights new clean
