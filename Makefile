# Thin targets over the answer-center CLI; each creates .venv from the committed pins on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve validate bench clean

# pip's per-package lines and progress bars show a newcomer that the first install (about
# 100 s) is working; CI (CI=true) keeps its log to pip's warnings and errors.
PIP_OUTPUT := $(if $(CI),--quiet --progress-bar off,--progress-bar on)

$(STAMP): pyproject.toml requirements.lock
	@echo "make: setting up $(VENV) from requirements.lock (the first time takes a few minutes)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_OUTPUT) --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)
	@echo "make: $(VENV) is ready"

build: $(STAMP)
	$(BIN)/answer-center build

validate: $(STAMP)
	$(BIN)/answer-center validate

serve: $(STAMP)
	$(BIN)/answer-center serve

test: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/benchmark_validate.py

clean:
	rm -rf site build .venv
