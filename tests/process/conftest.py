"""What the process tests share: a database of their own, copied from the test database."""

import uuid

import pytest
from django.db import connections

from tests.process.databases import admin_connection


@pytest.fixture
def database(transactional_db, django_db_blocker):
    """A copy of the migrated test database (copying is much faster than migrating).

    Through `transactional_db`: pytest-django creates the test database only for a run that
    has a test asking for it; run alone, this test would otherwise copy the development one.
    """
    with django_db_blocker.unblock():
        template = connections["default"].settings_dict["NAME"]
        # PostgreSQL copies a database only while nobody is connected to it.
        for connection in connections.all():
            connection.close()
            if hasattr(connection, "close_pool"):
                connection.close_pool()
    name = f"{template}_stack_{uuid.uuid4().hex[:6]}"
    with admin_connection() as connection:
        # Left over from this run's threads (the test database is this run's alone).
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [template],
        )
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:
        with admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
