# zoneplanner — the two commands of the README's quick start are `make run` and `make test`.
# Both set everything up from scratch on a fresh Debian machine with Python >= 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# `make run ADDRESS=0.0.0.0` serves every interface (an intranet server: set up sign-in first, README)
ADDRESS ?= localhost

.PHONY: run test fuzz lint format setup setup-test system-deps sample cases clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

setup: $(VENV)/.installed            ## install the app and the planning core

setup-test: $(VENV)/.installed-test  ## also install pytest, hypothesis, playwright, ruff

# Debian's Chromium and CJK fonts for the real-browser tests (never `playwright install`).
system-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends chromium fonts-noto-cjk >/dev/null; \
	else echo "note: /usr/bin/chromium missing; browser tests will be skipped" \
	  "(sudo apt-get install chromium fonts-noto-cjk)"; fi

run: setup                           ## run the app on the bundled sample scenario (localhost)
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: setup-test system-deps         ## lint, then every test (unit, property, app, browser)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# the readers' fuzzer (tests/test_fuzz.py) at length; `make test` runs it with 15 examples a test
FUZZ_EXAMPLES ?= 500
fuzz: setup-test                     ## fuzz the scenario and plan readers (FUZZ_EXAMPLES per test)
	ZONES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py \
	  -p no:cacheprovider -q --hypothesis-show-statistics

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check zones maps ui app.py tests bench data

format: setup-test
	$(BIN)/ruff format zones maps ui app.py tests bench data

sample: setup                        ## regenerate data/sample (seeded; identical bytes)
	$(BIN)/python data/make_sample.py

cases: setup                         ## regenerate the bad-input cases under tests/data/cases
	$(BIN)/python tests/data/make_cases.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
