# zoneplanner — the two commands of the README's quick start are `make run` and `make test`.
# Both set everything up from scratch on a fresh Debian machine with Python >= 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# `make run ADDRESS=0.0.0.0` serves every interface (an intranet server: set up sign-in first, README)
ADDRESS ?= localhost

.PHONY: run test fuzz lint lock format setup setup-test system-deps sample cases clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# every install is pinned by requirements.lock (pip constraints): the same versions everywhere
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements.lock $(VENV)/.installed
	$(BIN)/python -m pip install -q -c requirements.lock -e ".[test]"
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

test: setup-test system-deps         ## lint, layer contracts, types, then every test on every core
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile

lock:                                ## rewrite requirements.lock from a fresh install
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q --upgrade pip
	.venv-lock/bin/python -m pip install -q -e ".[test]"
	{ sed -n '1,3p' requirements.lock; .venv-lock/bin/python -m pip freeze --exclude-editable \
	  | grep -v zoneplanner; } > requirements.lock.new && mv requirements.lock.new requirements.lock
	rm -rf .venv-lock

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
