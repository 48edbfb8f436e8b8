# Two commands do all set-up on a fresh clone:
#   make lab    installs the course into .venv and opens it in JupyterLab
#   make test   installs the test extras too and runs every test, nbval included
# LAB_ARGS passes options to JupyterLab, e.g. make lab LAB_ARGS=--no-browser

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LAB_ARGS ?=
PYTEST_ARGS ?=
# JupyterLab's settings for learners (no "Jupyter news?" prompt), where every JupyterLab
# started from this environment reads them: a file of the course's own in overrides.d, so a
# hub admin's overrides.json in the same environment is never overwritten.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.d/cyber-safety-curriculum.json

.PHONY: lab hub test e2e bench check handouts lint clean install install-hub install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the same packages from the same index as pip, several times faster: on this
# project's 2-core machine, pip took 1458 s of CI's 5400 and uv 149 s.
$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

# Re-install only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e .
	touch $@

$(VENV)/.installed-hub: pyproject.toml $(VENV)/.installed
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[hub]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]'
	touch $@

# From npm: axe-core for the accessibility checks in the browser tests (they skip when npm
# is absent) and configurable-http-proxy, the proxy in front of `make hub`.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: browser accessibility tests will skip (CI installs it)"; fi

# `pip install .` puts jupyter-settings/overrides.d/ there itself (pyproject's
# data-files); an editable install, as above, skips data-files, so make copies it.
$(LAB_SETTINGS): jupyter-settings/overrides.d/cyber-safety-curriculum.json | $(BIN)/python
	mkdir -p $(dir $@)
	cp $< $@

# gettext reads each interface catalogue compiled (.mo, not in git): the wheel gets it from
# setup.py's build step; an editable install reads the source tree, so make compiles it here
# whenever its .po changes.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard curriculum/locale/*/LC_MESSAGES/*.po))
curriculum/locale/%.mo: curriculum/locale/%.po | $(VENV)/.installed
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

install: $(VENV)/.installed $(LAB_SETTINGS) $(CATALOGUES)
install-hub: $(VENV)/.installed-hub node_modules/.installed $(LAB_SETTINGS) $(CATALOGUES)
install-test: $(VENV)/.installed-test node_modules/.installed $(LAB_SETTINGS) $(CATALOGUES)

# Served from notebooks/ so learners see only the course; opens the start-here notebook.
lab: install
	cd notebooks && $(abspath $(BIN))/jupyter lab 00-start-here.ipynb $(LAB_ARGS)

# A JupyterHub for a demo class on 127.0.0.1 (an educator, HUB_STUDENTS students, one
# shared password printed at start) until Ctrl-C. As root each account is a real Unix user.
# HUB_ARGS passes more options, e.g. make hub HUB_ARGS="--language zh-Hant-HK --port 8010".
HUB_STUDENTS ?= 3
HUB_ARGS ?=
hub: install-hub
	$(BIN)/python -m curriculum.hub demo --students $(HUB_STUDENTS) $(HUB_ARGS)

# The browser tests, the hub tests, the other tests and the notebooks run side by side
# (tests/run_suites.py); with PYTEST_ARGS it is one plain pytest run.
test: install-test
	$(BIN)/python tests/run_suites.py $(PYTEST_ARGS)

handouts: install
	$(BIN)/python -m curriculum handouts --audience both

# Only the browser tests (also part of `make test`): live lessons in real JupyterLab +
# Chromium, and handouts in Chromium. `make e2e E2E_ARTIFACTS=1` also saves screenshots of
# every lesson (build/screenshots/) and each handout's PNG and PDF (build/handouts-check/)
# for a person to look at; without it they are saved only for a test that fails.
e2e: install-test
	$(BIN)/python -m pytest -m e2e tests $(PYTEST_ARGS)

check: install
	$(BIN)/python -m curriculum check

bench: install-test
	$(BIN)/python benchmarks/run.py

lint: install-test
	$(BIN)/ruff check .

clean:
	rm -rf build .pytest_cache
