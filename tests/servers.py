"""Real servers on loopback for tests: free ports, bounded waits, always stopped."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import OperationalError

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout: float, what: str, interval: float = 0.05):
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except OperationalError as error:
            # SQLite's in-memory test database is shared with a worker thread through a
            # shared cache, whose table locks fail a read at once instead of waiting.
            if "table is locked" not in str(error):
                raise
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"Gave up after {timeout} s waiting for {what}.")
        time.sleep(interval)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start(args: list[str], *, log: Path, env: dict | None = None) -> subprocess.Popen:
    """A process in a session of its own, so that it and its children can be killed together."""
    with log.open("ab") as output:
        return subprocess.Popen(
            args, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )


def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


@contextlib.contextmanager
def moto_server(log_dir: Path) -> Iterator[str]:
    """moto's standalone S3-compatible server; yields its endpoint URL."""
    port = free_port()
    process = start(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        log=log_dir / "moto.log",
    )
    try:
        wait_until(lambda: port_open(port), timeout=20, what="moto_server")
        yield f"http://127.0.0.1:{port}"
    finally:
        kill(process)


class NoDelayWSGIServer(ThreadedWSGIServer):
    """Django's threaded development server, answering without Nagle's delay.

    The server writes a response's headers and its body separately; on a kept-alive
    connection the body then waits for the client's delayed ACK of the headers, about 40 ms
    per request. Production servers (gunicorn) set TCP_NODELAY on their sockets, so this one
    does too.
    """

    def get_request(self):
        sock, address = super().get_request()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock, address
