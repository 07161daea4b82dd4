"""A Redis cache whose outage is a cache miss, never a server error.

Everything the site keeps in the cache (facet counts, category counts, throttle and rate-limit
counters, cached sessions) can be rebuilt from the database or safely forgotten, so when Redis
does not answer, reads return the default, writes are dropped and a warning is logged. After
a failure the cache is not tried again for `RETRY_AFTER_SECONDS`: a page that reads the cache
ten times must not wait for ten connection attempts. Once that pause is over, the next call
tries Redis again, and caching resumes by itself when it answers.

It answers as an empty cache would: `get()` misses, `add()` succeeds (so a lock taken with
`add()`, like allauth's rate-limit lock, is granted instead of waited for), and `incr()`
raises ValueError, the cache API's "no such key", which callers already treat as a counter
that starts again (see marketplace/ratelimits.py). That is how throttles and rate limits
fail open.
"""

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER_SECONDS = 2.0


class _OneClientPerPool(RedisCacheClient):
    """Django's client builds a new redis.Redis for every call, with its table of some 170
    reply parsers: a tenth of a millisecond each time, several times per page. A redis-py
    client is thread-safe (each command borrows a connection from the pool), so one per pool
    serves every call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    """Django's RedisCache, answering as an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _call(self, name: str, default: Any, *args, **kwargs) -> Any:
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(super(), name)(*args, **kwargs)
        except OUTAGE_ERRORS as exc:
            with self._lock:
                first = time.monotonic() >= self._down_until
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            if first:
                logger.warning(
                    "Cache unavailable (%s: %s); serving without it for %.0f s.",
                    type(exc).__name__,
                    exc,
                    RETRY_AFTER_SECONDS,
                )
            return default

    @property
    def available(self) -> bool:
        """False while the cache is skipped after a failure (for /readyz)."""
        return time.monotonic() >= self._down_until

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._call("incr", missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    def ping(self) -> None:
        """Raise unless Redis answers now (used by /readyz; ignores the pause)."""
        self._cache.get_client(write=False).ping()
