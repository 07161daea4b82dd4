"""While PostgreSQL cannot be reached, answer 503 with `Retry-After`, quickly.

The connection pool waits at most `DATABASE_POOL_TIMEOUT` seconds for a connection, and a new
connection at most `DATABASE_CONNECT_TIMEOUT`, so a request fails within a few seconds instead
of holding a worker for the pool's default 30 s. The failure (Django's OperationalError) is
answered here as a 503: JSON under /api/, otherwise a page in the site's layout rendered
without a request or a database (no account links, no context processors). A warning is
logged, not a traceback: the outage is news once, not per request.

Recovery needs no restart: the pool is dropped after a failure, so the next request opens a
fresh one and connects as soon as the database is back, instead of waiting out psycopg-pool's
growing reconnection back-off.
"""

import contextlib
import logging
import sys

from django.db import DatabaseError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
MESSAGE = "The service is briefly unavailable; please try again in a few seconds."


def outage_response(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE, "code": "unavailable"}, status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def reset_pools() -> None:
    """Close every pool of this process; the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "pool", None) is None:
            continue
        # Closed meanwhile by another thread, or not cleanly: dropped all the same.
        with contextlib.suppress(DatabaseError, KeyError):
            connection.close_pool()


def is_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_outage(exception):
            return None
        logger.warning("Database unavailable, answering 503 for %s: %s", request.path, exception)
        reset_pools()
        return outage_response(request)


def outage_from_current_exception(request: HttpRequest) -> HttpResponse | None:
    """For handler500: a database failure raised outside a view (e.g. in a middleware)."""
    exception = sys.exc_info()[1]
    if not is_outage(exception):
        return None
    reset_pools()
    return outage_response(request)
