"""Run the same work in many threads at once, each with its own database connection."""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection


def run_concurrently(count: int, work: Callable[[int], object]) -> list[object]:
    """Call work(0) ... work(count - 1) in `count` threads released together.

    Returns each call's result, or the exception it raised. Each thread closes its database
    connection (returning it to the pool) so that the test database can be dropped.
    """
    with _pool_for(count):
        return _run(count, work)


@contextmanager
def _pool_for(count: int):
    """PostgreSQL's connection pool with a connection for each thread. The settings' pool
    (DATABASE_POOL_MAX, DATABASE_POOL_TIMEOUT) is smaller than a race: a thread waited for
    another's connection, and on a busy machine the wait ran out ("couldn't get a connection
    after 2.00 sec") before the race was even run."""
    pool = getattr(connection, "pool", None)
    if pool is None or pool.max_size >= count:
        yield
        return
    # Every connection opened before the threads start, as a pool opens its minimum: growing
    # on demand, it opens one at a time. Django opens its pool at its first connection, which
    # this process may not have made yet.
    pool.open()
    pool.resize(count, count)
    pool.wait(timeout=30)
    try:
        yield
    finally:
        # A pool keeps every connection it opened, even past a smaller size: closed, it gives
        # them back to the server (whose limit three test processes would reach), and the
        # next query opens one of the settings' size. The test's own connection is closed
        # when Django releases it.
        connection.close_pool()


def _run(count: int, work: Callable[[int], object]) -> list[object]:
    start = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        try:
            start.wait(timeout=30)
            results[index] = work(index)
        except Exception as exc:  # collected: the test asserts on the mix of outcomes
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return results
