"""A Celery worker's liveness: a file it touches while it consumes, and the check that reads it.

While the worker is connected to the broker and its event loop turns, it touches
`WORKER_HEARTBEAT_FILE` every `TOUCH_EVERY_SECONDS`. A worker that hangs, or has lost the
broker and not got it back, stops touching it; one that has exited stops too. The check,

    python -m marketplace.worker_liveness

exits 0 while the file is younger than `STALE_AFTER_SECONDS`, else 1: an orchestrator's
liveness probe (docker-compose's health check, Kubernetes' livenessProbe) restarts the
worker on it. It reads one file, so it costs nothing next to `celery inspect ping`, which
starts a Django process and needs the broker.
"""

import os
import sys
import time
from pathlib import Path

from celery import bootsteps

TOUCH_EVERY_SECONDS = 5
STALE_AFTER_SECONDS = 30
DEFAULT_FILE = "/tmp/marketplace-worker-heartbeat"


def heartbeat_file() -> Path:
    # Read from the environment, not Django's settings: the check runs without Django.
    return Path(os.environ.get("WORKER_HEARTBEAT_FILE") or DEFAULT_FILE)


class HeartbeatFile(bootsteps.StartStopStep):
    """A consumer step: started once the broker connection is up, stopped when it is lost."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, c, **kwargs):
        self.timer_entry = None
        super().__init__(c, **kwargs)

    def start(self, c):
        self.touch()
        self.timer_entry = c.timer.call_repeatedly(TOUCH_EVERY_SECONDS, self.touch)

    def stop(self, c):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    shutdown = stop

    def touch(self) -> None:
        heartbeat_file().touch()


def is_alive(now: float | None = None) -> bool:
    try:
        touched = heartbeat_file().stat().st_mtime
    except FileNotFoundError:
        return False
    return (now or time.time()) - touched < STALE_AFTER_SECONDS


if __name__ == "__main__":
    alive = is_alive()
    print(f"worker {'alive' if alive else 'not alive'}: {heartbeat_file()}")
    sys.exit(0 if alive else 1)
