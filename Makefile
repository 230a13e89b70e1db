# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLUGINS := $(wildcard plugins/*/pyproject.toml)
# The rule sets CI holds to the strict checks, full example coverage and the canonical layout:
# the core ones and every plugin's (any depth; build copies left out).
RULESETS := rulesets $(shell find plugins -name '*.rules' -not -path '*/build/*' 2>/dev/null | sort)

.PHONY: setup run test lint bench fuzz clean

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
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --format xlsx --output out/report.xlsx
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --format html --output out/report.html
	cat out/report.txt

lint: setup
	$(BIN)/ruff check src tests benchmarks examples plugins
	$(BIN)/mypy

test: setup lint
	$(BIN)/auditrules validate --strict --no-default-rules $(RULESETS)
	$(BIN)/auditrules test --coverage --threshold 100 --no-default-rules $(RULESETS)
	$(BIN)/auditrules fmt --check $(RULESETS)
	$(BIN)/python -m pytest

# A long, random fuzz run of forms and rule sets (make test runs a short, repeatable one).
fuzz: setup
	AUDITRULES_FUZZ=long $(BIN)/python -m pytest tests/test_fuzz.py -q

bench: setup
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/batch.py --forms 10000

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
