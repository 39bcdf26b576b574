# newscrawl — every target keeps its virtual environment in .venv/ (created when missing).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help venv demo test lint services services-stop evaluate bench clean

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)  ## create .venv with everything installed

demo: $(STAMP)  ## serve the offline newsroom, crawl it into SQLite, print a summary
	$(PY) scripts/demo.py

test: $(STAMP) services  ## install what tests need, start services, run the tests
	$(VENV)/bin/pytest -q

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
	rm -rf $(VENV) build dist *.egg-info data/demo
