# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/.compiled
PLUGINS := $(wildcard plugins/*/pyproject.toml)
# The rule sets CI holds to the strict checks, full example coverage and the canonical layout:
# the core ones and every plugin's (any depth; build copies left out).
RULESETS := rulesets $(shell find plugins -name '*.rules' -not -path '*/build/*' 2>/dev/null | sort)

# The Word pro forma and form-layout workbook examples, written from the YAML write-ups.
EXAMPLE_FORMS := examples/weak-writeup.docx examples/weak-writeup-form.xlsx \
	examples/strong-writeup.docx examples/strong-writeup-form.xlsx

.PHONY: setup browser run test lint docs bench fuzz model clean

$(STAMP): pyproject.toml $(PLUGINS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@for plugin in $(dir $(PLUGINS)); do \
		echo "installing plugin $$plugin"; \
		$(BIN)/python -m pip install --quiet -e "$$plugin" || exit 1; \
	done
	touch $(STAMP)

$(EXAMPLE_FORMS) &: $(STAMP) examples/make_forms.py examples/weak-writeup.yaml examples/strong-writeup.yaml
	$(BIN)/python examples/make_forms.py

# The text reading compiled to C beside its sources (src/auditrules/_compiled.py says which
# modules); auditrules uses it only while it matches them, and runs as plain Python without it.
$(COMPILED): $(STAMP) src/auditrules/_compiled.py src/auditrules/rules.py src/auditrules/dsl/compiler.py \
		$(wildcard src/auditrules/functions/*.py src/auditrules/scoring/*.py)
	$(BIN)/python -c 'import sys; from auditrules._compiled import build; sys.exit(build())'
	touch $(COMPILED)

setup: $(STAMP) $(COMPILED) $(EXAMPLE_FORMS)

# Check the bundled sample return and write its reports under out/.
run: setup
	mkdir -p out
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --format json --output out/report.json
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --output out/report.txt
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --format xlsx --output out/report.xlsx
	$(BIN)/auditrules check examples/sample-return.json --fail-on never --format html --output out/report.html
	$(BIN)/auditrules check examples/weak-writeup.docx --mapping examples/pro-forma.mapping.toml --fail-on never --output out/word-form.txt
	$(BIN)/auditrules review examples/weak-writeup.docx --mapping examples/pro-forma.mapping.toml --output out/review.html
	cat out/report.txt

lint: setup
	$(BIN)/ruff check src tests benchmarks examples plugins
	$(BIN)/mypy

# The review page's tests open it in Debian's chromium (never a downloaded browser): install it
# where it is missing.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium || exit 1; \
		else \
			echo "The review page's browser tests need Debian's chromium at /usr/bin/chromium:" \
			     "install it with 'sudo apt-get install chromium', then run make test again." >&2; \
			exit 1; \
		fi; \
	fi

# The test suite runs in TEST_WORKERS processes (pytest-xdist), a test file's tests together in one
# of them: the longest (training the scorer again, learning a council's style) then run beside the
# rest. TEST_WORKERS=1 runs it in this process alone.
TEST_WORKERS ?= 2

test: setup lint browser
	$(BIN)/auditrules validate --strict --no-default-rules $(RULESETS)
	$(BIN)/auditrules test --coverage --threshold 100 --no-default-rules $(RULESETS)
	$(BIN)/auditrules fmt --check $(RULESETS)
	$(BIN)/python -m pytest $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

# The documentation site: the screens it shows, taken again in the browser, then the site built
# under --strict into site/ (open site/index.html). make test builds it too, into a temporary folder.
docs: setup browser
	AUDITRULES_SCREENSHOTS=docs/images $(BIN)/python -m pytest -q tests/test_screens.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# A long, random fuzz run of forms and rule sets (make test runs a short, repeatable one).
fuzz: setup
	AUDITRULES_FUZZ=long $(BIN)/python -m pytest tests/test_fuzz.py -q

# Train the scorer from the corpus's train and dev splits (never the frozen test split) and write
# its weights to src/auditrules/scoring/data/scorer.json; the tests say when it is out of date.
model: setup
	$(BIN)/python -m auditrules.scoring.training

bench: setup
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/accuracy.py --compare
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/batch.py --forms 10000
	$(BIN)/python benchmarks/oneform.py
	$(BIN)/python benchmarks/learn.py

clean:
	rm -rf $(VENV) out site .pytest_cache .ruff_cache build/compiled $(EXAMPLE_FORMS)
	find src -name '*.so' -delete; rm -f src/auditrules/compiled.json
