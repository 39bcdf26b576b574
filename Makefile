# newscrawl — two stacks (README "Which stack"), each in its own virtual environment, created
# when missing: the pinned stack (Scrapy 2.13 + scrapy-splash) in .venv/, which every target but
# the *-current ones uses, and the current stack (newest Scrapy + scrapy-playwright) in
# .venv-current/.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
VENV_CURRENT := .venv-current
STAMP_CURRENT := $(VENV_CURRENT)/.installed
# Playwright drives Debian's /usr/bin/chromium; it never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# The current stack's test run: scrapy-splash does not import there (its tests are deselected),
# and a deprecation warning from Scrapy is an error. (A later -W wins: a third-party package's
# own one would be let through with -W ignore::scrapy.exceptions.ScrapyDeprecationWarning:MODULE.)
CURRENT_PYTEST := -m "not splash" -W error::scrapy.exceptions.ScrapyDeprecationWarning

.PHONY: help venv venv-current demo test test-current lint services services-stop evaluate \
	bench clean

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# $(call install,VENV,RUNTIME REQUIREMENTS): the stack's runtime pins plus the dev tools, then
# newscrawl itself (editable, its dependencies being the stack's).
define install
	test -x $(1)/bin/python || $(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install -q --upgrade pip
	$(1)/bin/python -m pip install -q -r $(2) -r requirements-dev.txt
	$(1)/bin/python -m pip install -q --no-deps -e .
	touch $(1)/.installed
endef

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml setup.py
	$(call install,$(VENV),requirements.txt)

$(STAMP_CURRENT): requirements-current.txt requirements-dev.txt pyproject.toml setup.py
	$(call install,$(VENV_CURRENT),requirements-current.txt)

venv: $(STAMP)  ## create .venv (pinned stack) with everything installed

venv-current: $(STAMP_CURRENT)  ## create .venv-current (current stack) with everything installed

demo: $(STAMP)  ## serve the offline newsroom, crawl it into SQLite, print a summary
	$(PY) scripts/demo.py

test: $(STAMP) services  ## install what tests need, start services, run the tests (pinned stack)
	NEWSCRAWL_STACK=pinned $(VENV)/bin/pytest -q

test-current: $(STAMP_CURRENT) services  ## the same on the current stack (newest Scrapy)
	NEWSCRAWL_STACK=current $(VENV_CURRENT)/bin/pytest -q $(CURRENT_PYTEST)

lint: $(STAMP)  ## ruff, and the import-direction contracts (pyproject [tool.importlinter])
	$(VENV)/bin/ruff check newscrawl tests benchmarks scripts
	$(VENV)/bin/lint-imports --no-cache

services:  ## install and start the services tests use (see scripts/services.sh)
	bash scripts/services.sh start

services-stop:
	bash scripts/services.sh stop

evaluate: $(STAMP)  ## score extraction on ../shared/realpages and benchpages, with HTML reports
	$(VENV)/bin/scrapy evaluate ../shared/realpages --html data/evaluate-realpages.html
	$(VENV)/bin/scrapy evaluate ../shared/benchpages --html data/evaluate-benchpages.html

bench: $(STAMP)  ## benchmarks (docs/benchmarks.md); the crawl one needs Debian's nginx-light and wrk
	PYTHONPATH=. $(PY) benchmarks/bench_extraction.py ../shared/realpages ../shared/benchpages
	PYTHONPATH=. $(PY) benchmarks/bench_dates.py
	PYTHONPATH=. $(PY) benchmarks/bench_crawl.py --pages 10000 --repeat 3 --realpages ../shared/realpages

clean:
	rm -rf $(VENV) $(VENV_CURRENT) build dist *.egg-info data/demo
