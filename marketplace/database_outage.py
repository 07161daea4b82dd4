"""While PostgreSQL cannot be reached, answer 503 with `Retry-After`, quickly.

The connection pool waits at most `DATABASE_POOL_TIMEOUT` seconds for a connection, and a new
connection at most `DATABASE_CONNECT_TIMEOUT`, so a request fails within a few seconds instead
of holding a worker for the pool's default 30 s. The failure (Django's OperationalError) is
answered here as a 503: JSON under /api/, otherwise a page in the site's layout rendered
without a request or a database (no account links, no context processors). A warning is
logged, not a traceback: the outage is news once, not per request.

Once a failure is seen, the next requests do not queue for the pool: each first tries one
direct connection (`PROBE_TIMEOUT_SECONDS` at most; "connection refused" is instant) and
answers 503 at once while it fails. The pool is dropped after a failure, so the first request
that finds the database back opens a fresh pool and connects at once, instead of waiting out
psycopg-pool's growing reconnection back-off. No restart is needed either way.

The middleware comes before any other that queries the database (the idempotency keys), so
that while the outage lasts no request waits for the pool before its 503. Its 503s are not
logged again per request: under load that would be thousands of lines a second.
"""

import contextlib
import logging
import sys
import threading

from django.db import DatabaseError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
PROBE_TIMEOUT_SECONDS = 2  # libpq's shortest connect timeout (it reads 1 as 2)
# Liveness and readiness probes answer for themselves, during an outage too.
PROBE_PATHS = {"/healthz", "/readyz"}

# Set (per process) when a request met an outage; cleared by the first probe that connects.
_outage = threading.Event()
MESSAGE = "The service is briefly unavailable; please try again in a few seconds."


def outage_response(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE, "code": "unavailable"}, status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Not logged again by django.request ("Service Unavailable: /path", with a traceback when
    # a middleware failed): the outage is logged once, as a warning (see the docstring).
    response._has_been_logged = True
    return response


def reset_pools() -> None:
    """Drop every pool of this process; the next query opens a new one.

    The old pool is closed without waiting for its threads (which may be sleeping in a
    reconnection back-off): a request must not wait for them.
    """
    for connection in connections.all(initialized_only=True):
        pool = getattr(connection, "pool", None)
        if pool is None:
            continue
        # Closed meanwhile by another thread, or not cleanly: dropped all the same.
        with contextlib.suppress(DatabaseError, KeyError):
            pool.close(timeout=0)
            connection.close_pool()


def is_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _outage.is_set() and request.path_info not in PROBE_PATHS:
            if not database_answers():
                return outage_response(request)
            _outage.clear()
            logger.warning("Database reachable again.")
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_outage(exception):
            return None
        logger.warning("Database unavailable, answering 503 for %s: %s", request.path, exception)
        _outage.set()
        reset_pools()
        return outage_response(request)


def database_answers() -> bool:
    """One direct connection to the primary, outside the pool, closed at once."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return True
    params = connection.get_connection_params()
    params["connect_timeout"] = PROBE_TIMEOUT_SECONDS
    try:
        connection.Database.connect(**params).close()
    except connection.Database.Error:
        return False
    return True


def outage_from_current_exception(request: HttpRequest) -> HttpResponse | None:
    """For handler500: a database failure raised outside a view (e.g. in a middleware)."""
    exception = sys.exc_info()[1]
    if not is_outage(exception):
        return None
    _outage.set()
    reset_pools()
    return outage_response(request)
