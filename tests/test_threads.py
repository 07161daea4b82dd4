"""The race tests' helper (tests/support/threads.py): twenty threads, twenty connections."""

import threading
import time

import pytest
from django.db import connection

from tests.support.threads import run_concurrently

THREADS = 20


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_each_thread_holds_a_connection_of_its_own_and_gives_it_back():
    before = _server_connections()
    all_connected = threading.Barrier(THREADS)

    def backend(index: int) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        # Every thread waits here holding its connection: with fewer connections than
        # threads, some never arrive.
        all_connected.wait(timeout=10)
        return pid

    for _ in range(2):
        pids = run_concurrently(THREADS, backend)
        assert all(isinstance(pid, int) for pid in pids), pids
        assert len(set(pids)) == THREADS
    # The server ends a backend shortly after its client leaves.
    deadline = time.monotonic() + 5
    while _server_connections() > before + 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _server_connections() <= before + 1
