"""Per-user (or per-address) rate limits on what lands in someone else's inbox: each app names
its limits (quote requests, messages, proposals, contact messages) with `RateLimit`.

Counters live in Django's cache, so with `REDIS_URL` set every server process shares them
(the API reuses `hit()` and turns `RateLimitExceeded` into a 429 with `Retry-After`). A fixed
window is used: simple, atomic with `cache.incr`, and at worst lets twice the limit through
across a window boundary, which is acceptable for spam control.

Limits can be tuned without code changes with the `RATE_LIMITS` setting, e.g.
`RATE_LIMITS = {"quote-requests": (5, 3600)}` (count, seconds).
"""

import math
import time
from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache

from marketplace.refusals import Refused


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window_seconds: int
    what: str  # plural noun for the message: "quote requests"


class RateLimitExceeded(Refused):
    status_code = HTTPStatus.TOO_MANY_REQUESTS

    def __init__(self, rate: RateLimit, *, limit: int, window_seconds: int, retry_after: int):
        self.rate = rate
        self.retry_after = retry_after
        super().__init__(
            f"You have sent the maximum of {limit} {rate.what} allowed in "
            f"{_duration(window_seconds)}. Please try again in {_duration(retry_after)}.",
            code="throttled",
        )


def hit(rate: RateLimit, *, user=None, visitor: str | None = None) -> None:
    """Count one action by `user` (or by an anonymous `visitor`, e.g. an IP address); raise
    RateLimitExceeded if it goes over the limit."""
    limit, window = settings.RATE_LIMITS.get(rate.scope, (rate.limit, rate.window_seconds))
    now = time.time()
    who = user.pk if user is not None else f"visitor:{visitor}"
    key = f"ratelimit:{rate.scope}:{who}:{int(now // window)}"
    # add() is a no-op when the key exists, so the first hit of a window starts it at zero.
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        retry_after = max(1, math.ceil(window - now % window))
        raise RateLimitExceeded(rate, limit=limit, window_seconds=window, retry_after=retry_after)


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hour{'s' if hours != 1 else ''}"
