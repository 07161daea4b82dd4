"""The settings' contract with the people who deploy: every variable read is documented."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
READ = re.compile(r"""env_(?:str|bool|int|list|float|decimal)\(\s*["']([A-Z0-9_]+)["']""")
# `NAME=` lines, commented out or not: a switch whose empty value would mean "off" is listed
# commented out, so that it keeps its default.
LISTED = re.compile(r"^#?\s*([A-Z0-9_]+)=", re.MULTILINE)


def test_every_variable_the_settings_read_is_in_env_example():
    read = set(READ.findall((ROOT / "marketplace/settings.py").read_text()))
    listed = set(LISTED.findall((ROOT / ".env.example").read_text()))
    assert read  # the pattern still finds the readers
    assert sorted(read - listed) == []


def test_every_variable_the_settings_read_is_in_the_readme():
    read = set(READ.findall((ROOT / "marketplace/settings.py").read_text()))
    readme = (ROOT / "README.md").read_text()
    assert sorted(name for name in read if f"`{name}`" not in readme) == []


def test_the_readme_lists_each_variable_once():
    rows = [
        line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("| `")
    ]
    names = [name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_rate_limits_are_a_declared_setting():
    assert settings.RATE_LIMITS == {}


def test_ruff_knows_every_app_of_the_project_as_first_party():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    first_party = set(config["tool"]["ruff"]["lint"]["isort"]["known-first-party"])
    apps = {app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()}
    assert apps and apps <= first_party


@pytest.mark.django_db
def test_pages_are_compressed_for_browsers_that_accept_it(client):
    """A search page of twenty cards is 57 KiB of HTML; compressed, 9 KiB (issue 25's page
    weight budget of 60 KiB)."""
    plain = client.get("/services/")
    compressed = client.get("/services/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) / 3


@pytest.mark.parametrize(
    ("environment", "page_cache"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, True),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0", "DEBUG": "1"}, False),
        ({}, False),  # each process would keep its own copy, stale after another's write
        ({"REDIS_URL": "redis://127.0.0.1:6379/0", "PAGE_CACHE": "0"}, False),
        ({"PAGE_CACHE": "1"}, True),
    ],
)
def test_the_page_cache_is_on_by_default_where_the_cache_is_shared(environment, page_cache):
    # Read in a fresh process with no .env, as a deployment's settings are.
    program = (
        "import marketplace.env; marketplace.env.load_dotenv = lambda path: None; "
        "from marketplace import settings; print(settings.PAGE_CACHE)"
    )
    base = {"PATH": os.environ["PATH"], "SECRET_KEY": "settings-test-" + "x" * 50}
    result = subprocess.run(
        [sys.executable, "-c", program],
        env={**base, **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(page_cache)
