# Two commands for a fresh clone: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# Test processes (pytest-xdist), each with a test database of its own: one more than the
# cores, at most four, because many tests spend seconds waiting on servers and browsers of
# their own (on 2 cores, 3 workers take 9-11 min on a fast machine, 19-22 on a slow one; 2
# had done 61 % in 8). PYTEST_ARGS="-n 0" runs the tests in one process (for --pdb or print
# debugging).
TEST_WORKERS := -n $(shell $(PYTHON) -c "import os; print(min(os.cpu_count() + 1, 4))")

# Some machines set PYTHONDONTWRITEBYTECODE=1, and then every process the tests start compiles
# the project anew and pytest rewrites the test modules again (16 s of CPU per worker where a
# cache takes 10). Python's default: bytecode cached in __pycache__ (ignored by git).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run stack test coverage lint format check bench ci setup migrate demo clean screenshots

run: setup migrate demo  ## Serve the site with demo data at http://127.0.0.1:8000
	env $$($(BIN)/python manage.py local_stripe --webhook-url http://$(HOST)/payments/stripe/webhook/) \
	  $(BIN)/python manage.py runserver $(HOST)

stack: setup migrate  ## Web, Celery worker and beat (Procfile) on the configured PostgreSQL and Redis
	@test -n "$$CELERY_BROKER_URL" || grep -q '^CELERY_BROKER_URL=.' .env || \
		{ echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1) in .env or the environment."; exit 1; }
	PATH="$(CURDIR)/$(BIN):$$PATH" HOST=$(HOST) $(BIN)/honcho start

test: setup  ## Run the whole test suite on every core (DATABASE_URL picks PostgreSQL; default SQLite)
	$(BIN)/python -m pytest $(TEST_WORKERS) $(PYTEST_ARGS)

coverage: setup  ## `make test` measuring line coverage: a table of files not fully covered, and htmlcov/
	$(BIN)/python -m pytest $(TEST_WORKERS) --cov --cov-report=term:skip-covered --cov-report=html $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint  ## Lint, layers, migrations in step with the models, Django's deploy checks (no tests)
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  ALLOWED_HOSTS=market.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

# What CI runs (.ci/run calls it): the checks, then the suite on a fresh PostgreSQL database,
# dropped afterwards, and once more on SQLite.
ci:  ## What CI runs: lint, migrations and deploy checks, then `make test` on PostgreSQL and SQLite
	bash .ci/run

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup  ## Every page against a reference page at 100,000 services (BENCH_ARGS="--services 1000000")
	$(BIN)/python bench/run.py $(BENCH_ARGS)

screenshots: setup  ## Retake the README's screenshots (docs/screenshots/) with Playwright
	$(BIN)/python -m pytest tests/browser/screenshots.py -q -o python_files=screenshots.py

setup: $(STAMP) .env

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/pip install --quiet uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r pyproject.toml --all-extras
	touch $(STAMP)

.env:
	sed "s/^SECRET_KEY=$$/SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')/" .env.example > .env

migrate: setup
	$(BIN)/python -m marketplace.database
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

clean:
	rm -rf $(VENV) .bench-venv db.sqlite3 media private_media staticfiles localstripe.log .coverage htmlcov
