"""Probes for load balancers and orchestrators: `/healthz` and `/readyz`.

`/healthz` says the process answers, and touches nothing else: a liveness probe must not
restart web nodes because the database is down. `/readyz` checks what serving needs, each
check timed, as `{"status": "ok" | "failing", "checks": {name: {"status", "required",
"latency_ms", "error"?}}}`, and answers 503 when a required check fails, so a load balancer
stops sending requests to a node that cannot serve them. Required: the primary database,
the broker (when `CELERY_BROKER_URL` is set) and the media storage. Reported but not
required, because the site works without them: the cache (a miss) and the read replicas
(reads fall back to the primary).
"""

import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

BROKER_TIMEOUT_SECONDS = 2
STORAGE_PROBE_NAME = "readyz-probe"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {name: _run(check, required) for name, check, required in _checks()}
    failing = any(c["required"] and c["status"] != "ok" for c in checks.values())
    return JsonResponse(
        {"status": "failing" if failing else "ok", "checks": checks},
        status=503 if failing else 200,
    )


def _checks() -> list[tuple[str, Callable[[], None], bool]]:
    checks = [("database", lambda: _query("default"), True)]
    for alias in getattr(settings, "DATABASE_REPLICAS", []):
        checks.append((alias, _replica_check(alias), False))
    if hasattr(cache, "ping"):
        checks.append(("cache", cache.ping, False))
    if getattr(settings, "CELERY_BROKER_URL", None):
        checks.append(("broker", _broker, True))
    checks.append(("storage", _storage, True))
    return checks


def _run(check: Callable[[], None], required: bool) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:  # any failure is the probe's answer, not a server error
        outcome = {"status": "failing", "error": f"{type(exc).__name__}: {exc}"[:300]}
    else:
        outcome = {"status": "ok"}
    latency = round((time.perf_counter() - started) * 1000, 1)
    return {**outcome, "required": required, "latency_ms": latency}


def _query(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")


def _replica_check(alias: str) -> Callable[[], None]:
    def check() -> None:
        from marketplace.db.replicas import lag_seconds

        lag = lag_seconds(alias)
        limit = settings.DATABASE_REPLICA_MAX_LAG
        if lag > limit:
            raise RuntimeError(f"lags {lag:.1f} s behind the primary (limit {limit} s)")

    return check


def _broker() -> None:
    from kombu import Connection

    # The publishers' socket timeouts too: a broker that accepts connections and never
    # answers (frozen, its host silent) fails the check instead of holding the probe.
    with Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=BROKER_TIMEOUT_SECONDS,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    ) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)


def _storage() -> None:
    if not isinstance(default_storage, FileSystemStorage):
        default_storage.exists(STORAGE_PROBE_NAME)  # one request to the object store
        return
    # A local folder: it, or the nearest folder it will be created in, must be writable.
    folder = Path(default_storage.location)
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise RuntimeError(f"{folder} cannot be written to")
