import shutil

import pytest
from django.core.cache import cache
from django.db import connection

from marketplace.celery import app as celery_app


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL-only features; on SQLite they skip, saying why."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL to run it)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _tasks_in_process():
    """Tasks run where they are queued, whatever broker a developer's .env names."""
    celery_app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached facet counts and rate-limit counters must not leak from one test to the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Each test writes uploads under its own temporary folders, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"
