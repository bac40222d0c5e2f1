# aiswatch: `make demo` runs the main job on a bundled default; `make test` runs the checks.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit unit-boundscheck kernels bench clean clean-jit venv

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

# The columnar kernels compiled ahead of time (columnar/kernels.py): a new process decodes
# without numba's start-up. Rebuilt only when their sources changed (about a minute); it
# needs a C compiler.
kernels: $(STAMP)
	$(BIN)/aiswatch kernels --build

# The tests run on the kernels built ahead of time (then a stale build fails them, rather
# than leave them on the JIT unnoticed); without a C compiler, on numba's JIT, said so.
# unit-boundscheck runs the columnar tests again on the JIT.
unit: $(STAMP)
	@if $(BIN)/aiswatch kernels --build; then mode=aot; else mode=auto; \
		echo "warning: kernels not built ahead of time: the tests run on numba's JIT" >&2; fi; \
		echo "AISWATCH_KERNELS=$$mode $(BIN)/pytest -q"; AISWATCH_KERNELS=$$mode $(BIN)/pytest -q

# The compiled framing indexes without numba's negative-index test and passes views that
# are not reference-counted (columnar/lineparts.py, columnar/borrow.py): its tests run again
# on numba's JIT with its bounds checking on, compiled into a cache of their own.
unit-boundscheck: $(STAMP)
	AISWATCH_KERNELS=jit NUMBA_BOUNDSCHECK=1 NUMBA_CACHE_DIR=$(VENV)/numba-boundscheck \
		$(BIN)/pytest -q tests/columnar

test: lint typecheck unit unit-boundscheck

# numba's cache of compiled code, kept beside each source file: a cached function is checked
# against its own file only, so a change to code it uses from another module (frame.py's
# scan uses columnar/lineparts.py and columnar/borrow.py) needs this.
clean-jit:
	find src -name '*.nbi' -delete -o -name '*.nbc' -delete
	rm -rf $(VENV)/numba-boundscheck

clean: clean-jit
	rm -f src/aiswatch/columnar/_kernels*.so
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
