"""Request rates per anonymous address and per signed-in user.

DRF's throttles bind their rates when their module is imported; these read them on every
request, so `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (from the API_THROTTLE_* variables)
can change in tests and deployments without a restart of the interpreter. Counters live in
Django's default cache, which is Redis, shared by every process, when REDIS_URL is set.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _LiveRateMixin:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_LiveRateMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_LiveRateMixin, throttling.UserRateThrottle):
    """Signed-in users only: DRF's would also count anonymous clients by address, as the
    anonymous throttle already does (at a lower rate), two cache round trips a request."""

    def get_cache_key(self, request, view) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class TokenRequestThrottle(_LiveRateMixin, throttling.AnonRateThrottle):
    """Password guesses against the token endpoint, per address, whoever is signed in."""

    scope = "token"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
