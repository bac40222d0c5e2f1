# aiswatch: `make demo` runs the main job on a bundled default; `make test` runs the checks.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean clean-jit venv

$(STAMP): pyproject.toml requirements-lock.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-lock.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/aiswatch demo

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck unit

# numba's cache of compiled code, kept beside each source file: it is checked against that
# file only, so code inlined from another module (columnar/lineparts.py into frame.py) needs
# this after a change there.
clean-jit:
	find src -name '*.nbi' -delete -o -name '*.nbc' -delete

clean: clean-jit
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
