"""The connection pool lends a connection without a round trip to the server, and never lends
one the server has ended (marketplace/db/postgresql)."""

import time

import psycopg
import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _server() -> psycopg.Connection:
    """A connection of the test's own, outside the pool."""
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"],
        password=settings["PASSWORD"],
        autocommit=True,
    )


def _lent() -> int:
    """Borrow a connection from the pool, as a request does: its server process's id."""
    connection.close()
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def test_a_pooled_connection_is_lent_without_a_statement(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the last request'")

    pid = _lent()

    with _server() as server:
        (last,) = server.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
    # psycopg's own check would have sent an empty statement before lending it.
    assert last.startswith("SELECT")


def test_a_connection_the_server_ended_is_replaced_before_it_is_lent():
    pids = set()
    with _server() as server:
        # Every connection the pool holds, ended by the server while idle in the pool.
        for _ in range(3):
            pids.add(_lent())
        connection.close()
        server.execute(
            "SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [list(pids)]
        )
        deadline = time.monotonic() + 5
        while server.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [list(pids)]
        ).fetchone() != (0,):
            assert time.monotonic() < deadline
            time.sleep(0.05)

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert connection.connection.info.backend_pid not in pids
