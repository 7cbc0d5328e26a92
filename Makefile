# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-output

.PHONY: demo test test-postgres lint format bench clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# Debian packages the tests need, installed only when missing (CI runs as root).
# issue 6: PDF editions (WeasyPrint: Pango; Chinese names: WenQuanYi), PDF tests (poppler)
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei poppler-utils
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

demo: $(VENV)/.installed system-deps
	$(BIN)/risktracker demo --dir $(DEMO_DIR)

test: $(VENV)/.installed-dev system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

# The suite with PostgreSQL too: .ci/postgres.sh installs and starts a local server (as
# root or with sudo) and prints the URL tests/test_postgres.py reads.
test-postgres:
	RISKTRACKER_TEST_POSTGRES="$$(.ci/postgres.sh)" $(MAKE) test

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/enrich.py
	$(BIN)/python bench/dates.py
	$(BIN)/python bench/classify.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache build src/*.egg-info
