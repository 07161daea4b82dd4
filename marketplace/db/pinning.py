"""Read-your-writes: a client that has just written reads from the primary for a while.

Replicas lag a little behind the primary, so a freelancer who saves a profile and is sent
to it could see the old version. Any request that may write (not GET, HEAD or OPTIONS) is
served by the primary alone, and its response sets a short-lived cookie
(`DATABASE_PIN_SECONDS`); requests that carry it read from the primary too. Other safe
requests may read from a replica.

When a replica fails a query during a safe request, the request is served again from the
primary (reading twice is harmless) and the replica is skipped until its next health check,
so a replica that stops costs no failed page.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse

from marketplace.db import replicas

PIN_COOKIE = "primary_pin"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PrimaryPinningMiddleware:
    def __init__(self, get_response):
        if not settings.DATABASE_REPLICAS:
            raise MiddlewareNotUsed("No read replicas: every query goes to the primary.")
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        token = replicas.use_replicas(safe and PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
            if replicas.replicas_in_use() and (failed := replicas.failed_replicas()):
                for alias in failed:
                    replicas.mark_unfit(alias)
                replicas.use_replicas(False)
                response = self.get_response(request)
        finally:
            replicas.reset_use(token)
        if not safe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
