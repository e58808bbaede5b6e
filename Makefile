# Everything runs in .venv, created and filled from pyproject.toml on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
KEY := oruel_000000000000000000000000000000000000000000000000
PORT ?= 8765

.PHONY: install generate check demo test lint bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,mock]'
	touch $(STAMP)

install: $(STAMP)

generate: install
	$(PY) -m generator

check: install
	$(PY) -m generator --check

# The main job, end to end on the embedded default: regenerate from the spec, prove there is no drift, start the
# local Oru-el server, stream a chat through the CLI and through the README's Python example, stop the server.
demo: install
	$(PY) -m generator
	$(PY) -m generator --check
	$(PY) .ci/demo.py --port $(PORT)

test: install
	$(PY) -m pytest -q

lint: install
	$(PY) -m ruff check oruel_client generator tests $(wildcard bench)
	$(PY) -m mypy --strict oruel_client

bench: install
	$(PY) -m bench
