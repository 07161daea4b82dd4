# Two commands for a fresh clone: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format check bench ci setup migrate demo clean screenshots

run: setup migrate demo  ## Serve the site with demo data at http://127.0.0.1:8000
	$(BIN)/python manage.py runserver $(HOST)

test: setup  ## Run the whole test suite (DATABASE_URL picks PostgreSQL; default SQLite)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup  ## Generate 100,000 services in PostgreSQL and time the pages (see bench/README.md)
	$(BIN)/python bench/run.py

screenshots: setup  ## Retake the README's screenshots (docs/screenshots/) with Playwright
	$(BIN)/python -m pytest tests/browser/screenshots.py -q -o python_files=screenshots.py

setup: $(STAMP) .env

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/pip install --quiet uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r pyproject.toml --all-extras
	touch $(STAMP)

.env:
	sed "s/^SECRET_KEY=$$/SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')/" .env.example > .env

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

clean:
	rm -rf $(VENV) db.sqlite3 media private_media staticfiles
