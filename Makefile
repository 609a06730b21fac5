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
# The [ray] extra too, so that CI tests the Ray engine (about 35 s and 500 MB more).
	$(PY) -m pip install -q -e '.[dev,ray]'
# An editable install leaves the package uncompiled, and where PYTHONDONTWRITEBYTECODE is
# set every command would compile it again (about a fifth of `aligntext align`'s CPU time).
	$(PY) -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m ruff check src tests scripts
	$(PY) -m mypy
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check src tests scripts
	$(PY) -m ruff format --check src tests scripts
	$(PY) -m mypy

# The main job on the bundled sample statements: compare the four language versions of each
# and write an HTML report per statement (the planted differences are in corpora/README.md).
DEMO_DOCS := un-membership demining-kalbajar trade-agreement

demo: $(STAMP)
	mkdir -p out/demo
	for d in $(DEMO_DOCS); do \
	  $(VENV)/bin/aligntext compare corpora/$$d/en.txt corpora/$$d/az.txt corpora/$$d/ru.txt \
	    corpora/$$d/tr.txt --langs en,az,ru,tr --format text || exit 1; \
	  $(VENV)/bin/aligntext compare corpora/$$d/en.txt corpora/$$d/az.txt corpora/$$d/ru.txt \
	    corpora/$$d/tr.txt --langs en,az,ru,tr --format html -o out/demo/$$d.html || exit 1; \
	  echo "wrote out/demo/$$d.html"; \
	done

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
