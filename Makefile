# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLUGINS := $(wildcard plugins/*/pyproject.toml)

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml $(PLUGINS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@for plugin in $(dir $(PLUGINS)); do \
		echo "installing plugin $$plugin"; \
		$(BIN)/python -m pip install --quiet -e "$$plugin" || exit 1; \
	done
	touch $(STAMP)

setup: $(STAMP)

# Check the bundled sample return and write its reports under out/.
run: setup
	mkdir -p out
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --format json --output out/report.json
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --output out/report.txt
	cat out/report.txt

lint: setup
	$(BIN)/ruff check src tests benchmarks examples plugins
	$(BIN)/mypy

test: setup lint
	$(BIN)/auditrules validate
	$(BIN)/auditrules test
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
