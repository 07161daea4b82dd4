"""Servers of the tests' own, on free loopback ports, for tests that stop and start them.

The machine's shared Redis and PostgreSQL are never stopped: a fault test starts its own
`redis-server`, or its own PostgreSQL cluster (a primary, and a streaming replica made with
`pg_basebackup -R`) from Debian's binaries, as the `postgres` user (the server refuses to run
as root), in a temporary folder that user owns.
"""

import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import redis

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing answers on port {port}")


class RedisServer:
    """`redis-server` without persistence; `stop()` and `start()` keep its port."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process:
            self.thaw()  # a frozen server would not act on SIGTERM
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def freeze(self) -> None:
        """SIGSTOP: the kernel still accepts connections, nothing answers (a host gone silent)."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port)


def _as_postgres(*command: str) -> subprocess.CompletedProcess:
    prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
    return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)


class PostgresCluster:
    """One PostgreSQL server: its data folder, its port, start/stop, and a URL to a database."""

    def __init__(self, folder: Path, name: str):
        self.folder = folder
        self.data = folder / name
        self.port = free_port()
        self.log = folder / f"{name}.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        _as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "--no-sync", "--no-instructions",
        )  # fmt: skip
        with (self.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c wal_receiver_status_interval=1 -c shared_buffers=16MB"
        )
        _as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log),
            "start", "-w", "-t", "30",
        )  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "stop", "-m", mode, "-w")

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def replica(self, name: str = "replica") -> "PostgresCluster":
        """A hot standby streaming from this (running) server, not started yet."""
        standby = PostgresCluster(self.folder, name)
        _as_postgres(
            str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", "postgres", "-D", str(standby.data), "-R", "-X", "stream", "--no-sync",
            "--checkpoint=fast",
        )  # fmt: skip
        return standby

    def sql(self, statement: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-d", database, "-tAc", statement],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return result.stdout.strip()


def postgres_folder() -> Path:
    """A temporary folder the `postgres` user owns (and may write sockets into)."""
    folder = Path(tempfile.mkdtemp(prefix="marketplace-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


def migrate(database_url: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT, env=app_env(database_url), check=True,
    )  # fmt: skip


def load_demo(database_url: str, media: Path) -> None:
    """The demo accounts and services (README "Demo accounts"), without generated extras; their
    pictures go under `media` (see `media_env`)."""
    subprocess.run(
        [sys.executable, "manage.py", "load_demo", "--population", "0", "-v", "0"],
        cwd=ROOT, env=app_env(database_url, **media_env(media)), check=True,
    )  # fmt: skip


def media_env(folder: Path) -> dict[str, str]:
    """Uploads under `folder`, not the project's media/ (which other test processes share)."""
    return {"MEDIA_ROOT": str(folder / "media"), "PRIVATE_MEDIA_ROOT": str(folder / "private")}


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production-like process of the site against `database_url`."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-secret-key-for-the-tests-own-servers-only-" + "x" * 20,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
    }
    env.update(extra)
    return env


class Gunicorn:
    """The site under gunicorn (sync workers) on a free port."""

    def __init__(self, env: dict[str, str], workers: int = 2):
        self.port = free_port()
        self.env = env
        self.workers = workers
        self.process: subprocess.Popen | None = None
        # Its log goes to a file, not a pipe: a pipe that no one reads while the server runs
        # fills up (64 KiB) and then blocks every worker that logs.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - kept as long as the server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "marketplace.wsgi", "-b",
             f"127.0.0.1:{self.port}", "-w", str(self.workers), "--timeout", "60"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=self.log,
        )  # fmt: skip
        wait_for_port(self.port, timeout=30)

    def stop(self) -> str:
        """Stop it; return what it logged."""
        if not self.process:
            return ""
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process = None
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


def fetch(url: str, timeout: float = 15.0, headers: dict | None = None):
    """GET `url`: (status, headers, body text, seconds taken); HTTP errors are answers too."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, head, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, head, body = error.code, error.headers, error.read()
    return status, head, body.decode(errors="replace"), time.monotonic() - started


def collectstatic(static_root: Path) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=app_env("", STATIC_ROOT=str(static_root)), check=True,
    )  # fmt: skip


class HttpClient:
    """A client of a running server that keeps its cookies, like a browser or an API client."""

    def __init__(self, base_url: str, token: str | None = None):
        self.base_url = base_url
        self.headers = {"Authorization": f"Token {token}"} if token else {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, method: str, path: str, data=None, headers=None) -> tuple[int, dict]:
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            method=method,
            headers={**self.headers, "Content-Type": "application/json", **(headers or {})},
        )
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, {"error": error.read().decode(errors="replace")[:500]}


@dataclass(frozen=True)
class Answer:
    client: int
    path: str
    sent: float  # time.monotonic()
    answered: float
    status: int  # 0: no answer at all (refused, reset, timed out)
    retry_after: str | None
    content_type: str

    @property
    def seconds(self) -> float:
        return self.answered - self.sent


class Load:
    """`clients` threads requesting `paths` in turn, each as fast as answers come.

    Every answer is recorded with its timing, for the outage tests and drills to judge::

        with Load(site.url, paths, clients=8) as load:
            ...  # stop and start a server
        load.between(start, end)
    """

    def __init__(self, base_url: str, paths: list[str], clients: int, timeout: float = 30):
        self.base_url = base_url
        self.paths = paths
        self.timeout = timeout
        self.answers: list[Answer] = []  # list.append is atomic: no lock needed
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(clients)]

    def run(self, client: int) -> None:
        index = client  # the clients start on different pages
        while not self.stopping.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            sent = time.monotonic()
            try:
                status, headers, _, _ = fetch(self.base_url + path, timeout=self.timeout)
                retry_after, content_type = headers["Retry-After"], headers["Content-Type"]
            except OSError:
                status, retry_after, content_type = 0, None, ""
            answer = Answer(
                client, path, sent, time.monotonic(), status, retry_after, content_type or ""
            )
            self.answers.append(answer)

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def between(self, start: float, end: float = float("inf")) -> list[Answer]:
        """The answers given from `start` until before `end`."""
        return [answer for answer in self.answers if start <= answer.answered < end]


class LocalStripe:
    """localstripe, a fake but stateful Stripe API server, on a free loopback port: the
    payments tests talk to it with the official `stripe` library, and the browser tests load
    its stand-in for Stripe.js. It keeps everything in memory (`--from-scratch`)."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "localstripe"),
                "--port",
                str(self.port),
                "--from-scratch",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def post(self, path: str, data: dict) -> dict:
        """A call as Stripe.js makes it (JSON body, the publishable key inside)."""
        request = urllib.request.Request(
            self.url + path, data=json.dumps(data).encode(), method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            return json.loads(error.read())

    def register_webhook(self, url: str, secret: str) -> None:
        body = urllib.parse.urlencode({"url": url, "secret": secret}).encode()
        urllib.request.urlopen(f"{self.url}/_config/webhooks/tests", data=body, timeout=10)
