"""Moved to tests/support/threads.py; kept for tests written before the move."""

from tests.support.threads import run_concurrently  # noqa: F401
