"""Which read replica may serve a read now: up, and not lagging behind the primary.

Replicas are the `DATABASE_REPLICAS` aliases (from `DATABASE_REPLICA_URLS`). Each one's
health is checked with one direct connection (outside the pool, `CHECK_CONNECT_TIMEOUT`
seconds at most) and one query for its replay lag, and the answer is kept for
`DATABASE_REPLICA_CHECK_SECONDS`: never a check per query. A replica that does not answer,
or lags more than `DATABASE_REPLICA_MAX_LAG` seconds, is skipped until a later check finds
it fit again; with none fit, reads go to the primary.

Reads use replicas only where a request opted in (`use_replicas()`, set by the pinning
middleware for reads that need not see the client's own fresh writes); management commands,
background tasks and tests read from the primary.
"""

import contextvars
import logging
import random
import threading
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

CHECK_CONNECT_TIMEOUT = 1
PRIMARY = "default"

# The replay lag in seconds: 0 when everything received is replayed (an idle primary sends
# nothing to replay, which is not lag), else the age of the last replayed transaction.
LAG_QUERY = """
    SELECT CASE
        WHEN NOT pg_is_in_recovery() THEN 0
        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
    END
"""

_use_replicas: contextvars.ContextVar[bool] = contextvars.ContextVar("use_replicas", default=False)
_health: dict[str, tuple[float, bool]] = {}  # alias: (checked at, fit)
_lock = threading.Lock()


def use_replicas(enabled: bool) -> contextvars.Token:
    return _use_replicas.set(enabled)


def reset_use(token: contextvars.Token) -> None:
    _use_replicas.reset(token)


def replicas_in_use() -> bool:
    return _use_replicas.get()


def aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def pick() -> str:
    """A fit replica's alias, chosen at random among the fit ones, or the primary's."""
    fit = [alias for alias in aliases() if is_fit(alias)]
    return random.choice(fit) if fit else PRIMARY


def is_fit(alias: str) -> bool:
    now = time.monotonic()
    checked = _health.get(alias)
    if checked and now - checked[0] < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return checked[1]
    if not _lock.acquire(blocking=False):
        return bool(checked and checked[1])  # another thread is checking: the last answer
    try:
        fit = _check(alias)
        if checked is None or checked[1] != fit:
            log = logger.info if fit else logger.warning
            log("Read replica %s is %s.", alias, "in use" if fit else "skipped")
        _health[alias] = (time.monotonic(), fit)
        return fit
    finally:
        _lock.release()


def _check(alias: str) -> bool:
    try:
        lag = lag_seconds(alias)
    except connections[alias].Database.Error as exc:
        logger.warning("Read replica %s does not answer: %s", alias, exc)
        return False
    if lag > settings.DATABASE_REPLICA_MAX_LAG:
        logger.warning("Read replica %s lags %.1f s behind the primary.", alias, lag)
        return False
    return True


def lag_seconds(alias: str) -> float:
    """The replica's replay lag, from a direct connection (raises when it does not answer)."""
    connection = connections[alias]
    params = connection.get_connection_params()
    params["connect_timeout"] = CHECK_CONNECT_TIMEOUT
    with connection.Database.connect(**params) as direct, direct.cursor() as cursor:
        cursor.execute(LAG_QUERY)
        return float(cursor.fetchone()[0])


def mark_unfit(alias: str) -> None:
    """A query on `alias` just failed: skip it until its next check."""
    _health[alias] = (time.monotonic(), False)
    logger.warning("Read replica %s failed a query; skipped for now.", alias)


def failed_replicas() -> list[str]:
    """Replicas whose connection raised a database error during this request."""
    return [alias for alias in aliases() if connections[alias].errors_occurred]
