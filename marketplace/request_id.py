"""One id per request, in every log line about it and in the response's `X-Request-ID`.

A proxy or a client may send `X-Request-ID`; a value of `MAX_LENGTH` safe characters at most
is kept (so one id follows a request through the load balancer, the site and its tasks),
anything else is replaced by a new random id. The id lives in a context variable while the
request is served: `get_request_id()` reads it anywhere (e.g. to pass it on to a Celery task),
and `RequestIdFilter` puts it on every log record as `request_id`.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
MAX_LENGTH = 128
VALID = re.compile(rf"[A-Za-z0-9._:@-]{{1,{MAX_LENGTH}}}")

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def get_request_id() -> str | None:
    """The id of the request being served in this context, or None outside a request."""
    return _request_id.get()


def set_request_id(value: str | None) -> contextvars.Token:
    """Make `value` the current id (a task can restore its request's); returns a reset token."""
    return _request_id.set(value)


def request_id_from(sent: str) -> str:
    """The id a request is known by: the one it was sent with (`X-Request-ID`), if valid."""
    return sent if VALID.fullmatch(sent) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = request_id_from(request.headers.get(HEADER, ""))
        # Kept after the response leaves the middleware: Django logs a 4xx or 5xx afterwards.
        # It is cleared when the response is finished (below).
        _request_id.set(request.id)
        response = self.get_response(request)
        response[HEADER] = request.id
        return response


@receiver(request_finished, dispatch_uid="marketplace.request_id.forget")
def _forget(**kwargs) -> None:
    _request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` ("-" outside a request) to each record, for any formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_request_id() or "-"
        return True
