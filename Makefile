# mangluoi-bot — two commands on a fresh machine:
#   make demo   run the web chat on an embedded SQLite database (no token, no internet)
#   make test   lint, type check and the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck pytest test-pg bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	$(BIN)/mangluoi demo

test: lint typecheck pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite again on PostgreSQL (TEST_DATABASE_URL names a server the tests may create
# throwaway databases on), without the browser test and the long fuzzing run.
test-pg: $(VENV)/.dev
	@test -n "$(TEST_DATABASE_URL)" || (echo "set TEST_DATABASE_URL" && exit 2)
	$(BIN)/pytest -m "not browser and not fuzz_long" $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(BIN)/python bench/broadcast.py
	$(BIN)/python bench/replies.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/checkins.py
	$(BIN)/python bench/delivery_report.py
	$(BIN)/python bench/zalo_pictures.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
