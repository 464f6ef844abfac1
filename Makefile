# Thin targets over the answer-center CLI; each creates .venv from the committed pins on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FORMAT ?= text

.PHONY: build test serve validate bench bench-validate clean

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
	$(BIN)/answer-center validate --format $(FORMAT)

serve: $(STAMP)
	$(BIN)/answer-center serve

test: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Sizes by flag: make bench BENCH_ANSWERS="1000 3000 10000" (the default finishes in minutes).
BENCH_ANSWERS ?= 1000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	$(BIN)/python scripts/benchmark_build.py --answers $(BENCH_ANSWERS) --write BENCHMARKS.md

bench-validate: $(STAMP)
	$(BIN)/python scripts/benchmark_validate.py

clean:
	rm -rf site build .venv
