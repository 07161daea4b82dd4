"""The project's own commands: CI runs the README's `make test`, and `make run` copes with a
missing database."""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import yaml
from django.conf import settings
from django.db import connection

from marketplace.database import ensure_database

ROOT = Path(settings.BASE_DIR)


def test_ci_runs_the_readmes_test_command_on_both_databases_and_make_ci_runs_ci():
    script = [
        line.strip()
        for line in (ROOT / ".ci/run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "make test" in (ROOT / "README.md").read_text()
    tests = [line for line in script if line.endswith("make test")]
    assert [line.split()[0] for line in tests] == [
        'DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"',
        'DATABASE_URL=""',
    ]
    assert "make ci" not in script  # `make ci` runs this script: no loop
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^ci:.*\n\tbash \.ci/run$", makefile, re.MULTILINE)
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE).group(1).split()
    rules = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    assert sorted(set(phony) - rules) == []


def test_sqlite_needs_no_database_created():
    assert ensure_database("sqlite:///db.sqlite3") == "SQLite: nothing to create."


@pytest.mark.postgres
def test_a_missing_postgresql_database_is_created():
    params = connection.get_connection_params()
    name = f"h_missing_{uuid.uuid4().hex[:12]}"
    user, host = params.get("user") or "postgres", params.get("host") or "127.0.0.1"
    url = f"postgres://{user}@{host}:{params.get('port') or 5432}/{name}"
    try:
        assert ensure_database(url).startswith(f"Created database {name}")
        assert ensure_database(url).startswith(f"Database {name} exists")
    finally:
        with psycopg.connect(
            dbname="postgres",
            host=params.get("host"),
            port=params.get("port"),
            user=params.get("user"),
            autocommit=True,
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_an_unreachable_server_is_one_line_at_once():
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "marketplace.database"],
        env={"DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere", "PATH": "/usr/bin"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert time.monotonic() - started < 15
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Database nowhere on 127.0.0.1:1 is not available")


@pytest.mark.parametrize("stylesheet", sorted((ROOT / "static" / "css").glob("*.css")), ids=str)
def test_every_stylesheet_closes_each_block_it_opens(stylesheet):
    """An unclosed block makes the browser drop every rule after it, silently (a merge once
    left one, and the phone layout of the rules below it broke)."""
    text = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(), flags=re.S)
    depth = 0
    for character in text:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0, f"{stylesheet.name}: a '}}' closes nothing"
    assert depth == 0, f"{stylesheet.name}: {depth} block(s) left open"


def test_a_first_run_on_sqlite_prints_no_system_check_warning(tmp_path):
    """`make run` checks the models against the database before it serves: on SQLite that
    once printed models.W040 (a PostgreSQL-only index option), which reads like a fault."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'first.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_every_process_of_a_deployment_is_restarted_and_web_and_worker_are_health_checked():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in ("db", "redis", "web", "worker", "beat"):
        assert services[name]["restart"] == "unless-stopped", name
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["worker"]["healthcheck"]["test"][-1] == "marketplace.worker_liveness"
    # The Procfile (honcho, `make stack`) starts the worker and beat again when they exit.
    procfile = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    for name in ("worker", "beat"):
        assert procfile[name].startswith("while true; do celery "), name
