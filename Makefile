# Two entry points for a new user: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench browser

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run serve.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The real-browser test drives Debian's Chromium; install it when we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: the real-browser test will be skipped (sudo apt-get install chromium)"; fi; }

# The load test (eight browsers on one server) runs on its own after the rest: beside the
# other worker's tests a session once waited 240 s for its solve on 2 cores.
test: lint browser
	$(PY) -m pytest -n 2 --dist loadfile -q --ignore=tests/app/test_load.py
	$(PY) -m pytest -q tests/app/test_load.py

bench: $(STAMP)
	$(PY) bench/run.py
