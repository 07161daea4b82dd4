"""The connection pool lends a connection without a round trip to the server, and never lends
one the server has ended (marketplace/db/postgresql)."""

import copy
import time

import psycopg
import pytest
from django.db import connection

from marketplace.db.postgresql.base import DatabaseWrapper

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class _OwnPool(DatabaseWrapper):
    _connection_pools = {}  # Django keeps one pool per alias, here one of the test's own


@pytest.fixture
def pooled():
    """The site's database settings with a pool of one connection of the test's own (the
    suite's pool may have lent its connections to other tests' threads)."""
    settings = copy.deepcopy(connection.settings_dict)
    assert settings["CONN_HEALTH_CHECKS"]
    settings["OPTIONS"]["pool"] |= {"min_size": 1, "max_size": 1}
    wrapper = _OwnPool(settings)
    yield wrapper
    wrapper.close()
    wrapper.close_pool()


def _server() -> psycopg.Connection:
    """A connection of the test's own, outside any pool."""
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"],
        password=settings["PASSWORD"],
        autocommit=True,
    )


def _lent(pooled) -> int:
    """Borrow the connection from the pool, as a request does: its server process's id."""
    pooled.close()
    pooled.ensure_connection()
    return pooled.connection.info.backend_pid


def test_a_pooled_connection_is_lent_without_a_statement(pooled):
    _lent(pooled)
    with pooled.cursor() as cursor:
        cursor.execute("SELECT 'the last request'")

    pid = _lent(pooled)

    with _server() as server:
        (last,) = server.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
    # psycopg's own check would have sent an empty statement before lending it.
    assert last == "SELECT 'the last request'"


def test_a_connection_the_server_ended_is_replaced_before_it_is_lent(pooled):
    pid = _lent(pooled)
    pooled.close()
    with _server() as server:
        server.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 5
        while server.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline
            time.sleep(0.05)

    with pooled.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert pooled.connection.info.backend_pid != pid
