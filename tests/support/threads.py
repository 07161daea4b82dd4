"""Run the same work in many threads at once, each with its own database connection."""

import threading
from collections.abc import Callable

from django.db import connection


def run_concurrently(count: int, work: Callable[[int], object]) -> list[object]:
    """Call work(0) ... work(count - 1) in `count` threads released together.

    Returns each call's result, or the exception it raised. Each thread closes its database
    connection (returning it to the pool) so that the test database can be dropped.
    """
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
