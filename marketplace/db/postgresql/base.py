"""Django's PostgreSQL backend, whose connection pool lends a connection without a round trip.

psycopg's pool checks a connection before lending it (`CONN_HEALTH_CHECKS`) with an empty
query: a round trip to the server on every request, which cost 9 % of a page's CPU in the
worker and a wake-up of its server process (bench/README.md). A connection the server has
ended — a restart, `pg_terminate_backend`, an idle timeout — is one the server wrote to before
closing it (an error, then the end of the stream), so its socket is readable: only then is
the empty query sent, and it fails, and the pool replaces the connection. A server that
vanished without a word is caught by neither check, but by the TCP timeouts in settings.
"""

import select

from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool


def check_connection(connection) -> None:
    """Raise if `connection` is not fit to lend; a round trip only when the server spoke."""
    readable, _, _ = select.select([connection.fileno()], [], [], 0)
    if readable or connection.closed or connection.broken:
        ConnectionPool.check_connection(connection)


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self):
        pool = super().pool
        # Django gives the pool psycopg's own check when CONN_HEALTH_CHECKS is on.
        if pool is not None and pool._check is ConnectionPool.check_connection:
            pool._check = check_connection
        return pool
