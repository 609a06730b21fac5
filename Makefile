# Every install step lives here: CI runs `make test` on a clean clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: venv install test lint demo clean

venv: $(STAMP)

# torch is pinned and installed first: the pin resolves to the CPU wheel on this machine's
# disk, and the package's own range (torch>=2.1) is then already satisfied, so pip never pulls
# a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m ruff check src tests scripts
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check src tests scripts
	$(PY) -m ruff format --check src tests scripts
	$(PY) -m mypy

demo: $(STAMP)
	$(VENV)/bin/aligntext segment corpora/statement-1/en.txt --lang en

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
