# Medled: `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test test-pg test-stress migrate check-content bench load lint seed-demo clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m modules migrate
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(STAMP)
	@rm -f .pytest-exit
	$(PY) -m pytest $(PYTEST_ARGS); status=$$?; echo $$status > .pytest-exit; exit $$status

test-pg: $(STAMP)
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} $(PY) -m pytest $(PYTEST_ARGS)

# CI's own script on three fresh clones in a row while both cores are kept busy (about 3x make test).
test-stress: $(STAMP)
	RUNS=$${RUNS:-3} bash bench/stress_ci.sh

migrate: $(STAMP)
	$(PY) -m modules migrate

check-content: $(STAMP)
	$(PY) -m modules check-content

seed-demo: $(STAMP)
	$(PY) -m modules seed-demo --participants $${N:-24}

bench: $(STAMP)
	$(PY) bench/run_all.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

load: $(STAMP)
	$(PY) -m bench.load.run $(LOAD_ARGS)
