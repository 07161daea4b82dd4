"""The worker as the Procfile runs it (under honcho, as `make stack` does), with a Redis broker
of the test's own: under a steady stream of emails, Redis restarts six times, and the same
worker process consumes again within seconds each time; then the worker's main process dies
at once (SIGKILL, as any crash) and the Procfile's loop has a new one consuming within
seconds. Every email goes out exactly once.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from marketplace.worker_liveness import STALE_AFTER_SECONDS
from tests.local_servers import RedisServer
from tests.process.databases import database_url
from tests.servers import BIN, kill, start, wait_until

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
FEED_SECONDS = 20
RESTARTS = 6
# Emails stored and queued one after another, each in its own transaction, as requests do.
FEED = f"""
import time
from django.core.mail import EmailMessage
from django.db import transaction
from outbox.models import OutgoingEmail
deadline, number = time.monotonic() + {FEED_SECONDS}, 0
while time.monotonic() < deadline:
    with transaction.atomic():
        OutgoingEmail.objects.queue(EmailMessage(subject=f"Load {{number}}", to=["a@example.com"]))
    number += 1
    time.sleep(0.03)
"""
# What beat's every-minute sweep does, a minute later.
SWEEP = """
from django.db.models import F
from outbox.models import LOST_AFTER, OutgoingEmail
from outbox.tasks import send_lost_emails
OutgoingEmail.objects.unsent().update(created_at=F("created_at") - LOST_AFTER)
send_lost_emails()
"""


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in found.split()]


def argv_of(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:  # it has just exited
        return []


def worker_main_process(honcho: subprocess.Popen) -> int | None:
    """The celery main process: the one the Procfile line's shell loop started, under honcho."""
    parents, found = [honcho.pid], []
    while parents:  # honcho, its process runner, the shell, celery and its pool
        parent = parents.pop()
        for child in children(parent):
            parents.append(child)
            argv = argv_of(child)
            if any(Path(arg.decode()).name == "celery" for arg in argv) and argv[0] != b"/bin/sh":
                found.append((child, parent))
    celery = {pid for pid, _ in found}
    mains = [pid for pid, parent in found if parent not in celery]
    return mains[0] if mains else None


def heartbeat_since(heartbeat: Path, moment: float) -> bool:
    return heartbeat.exists() and heartbeat.stat().st_mtime > moment


def rows(database: str) -> list[tuple]:
    with psycopg.connect(database_url(database)) as connection:
        return connection.execute(
            "SELECT subject, attempts, sent_at IS NOT NULL FROM outbox_outgoingemail"
        ).fetchall()


def test_the_procfile_worker_comes_back_after_broker_restarts_and_its_own_death(tmp_path, database):
    redis = RedisServer()
    redis.start()
    mail_dir, heartbeat = tmp_path / "mail", tmp_path / "heartbeat"
    (no_env_file := tmp_path / "env").touch()  # honcho would read the project's .env
    env = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "process-test-" + uuid.uuid4().hex,
        "DATABASE_URL": database_url(database),
        "CELERY_BROKER_URL": redis.url,
        "CELERY_VISIBILITY_TIMEOUT": "10",
        # Django's file-based backend, each send taking a little while (see slow_email.py).
        "EMAIL_BACKEND": "tests.process.slow_email.EmailBackend",
        "SLOW_EMAIL_SECONDS": "0.05",
        "PYTHONPATH": str(ROOT),
        "EMAIL_FILE_PATH": str(mail_dir),
        "WORKER_HEARTBEAT_FILE": str(heartbeat),
        "LOG_LEVEL": "WARNING",
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "PYTHONUNBUFFERED": "1",
    }
    honcho = start(
        [str(BIN / "honcho"), "start", "-f", str(ROOT / "Procfile"), "-d", str(ROOT),
         "-e", str(no_env_file), "worker"],
        log=tmp_path / "honcho.log", env=env,
    )  # fmt: skip
    try:
        wait_until(lambda: heartbeat_since(heartbeat, 0), timeout=60, what="the worker")
        first = worker_main_process(honcho)
        feeder = start(
            [sys.executable, "manage.py", "shell", "-c", FEED],
            log=tmp_path / "feeder.log",
            env={**env, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(RESTARTS):
            time.sleep(2)
            redis.stop()
            time.sleep(0.5)
            redis.start()
            restarted = time.time()
            wait_until(
                lambda moment=restarted: heartbeat_since(heartbeat, moment),
                timeout=STALE_AFTER_SECONDS,
                what="the worker to consume again after the broker's restart",
            )
        # The same process throughout: it survived the restarts (it once died of one).
        assert worker_main_process(honcho) == first
        assert "Unrecoverable error" not in (tmp_path / "honcho.log").read_text()

        os.kill(first, signal.SIGKILL)
        died = time.time()
        wait_until(
            lambda: (
                worker_main_process(honcho) not in (None, first)
                and heartbeat_since(heartbeat, died)
            ),
            timeout=STALE_AFTER_SECONDS,
            what="a new worker, consuming",
        )
        assert feeder.wait(timeout=FEED_SECONDS + 60) == 0, (tmp_path / "feeder.log").read_text()

        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SWEEP],
            cwd=ROOT, env=env, check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        wait_until(
            lambda: all(sent for _, _, sent in rows(database)),
            timeout=60,
            what="every email to be sent",
        )
        time.sleep(2)  # time for a second delivery, were there one, to show
    except Exception:
        print((tmp_path / "honcho.log").read_text()[-20_000:])  # what the worker said
        raise
    finally:
        honcho.send_signal(signal.SIGTERM)  # honcho stops the worker's process group
        try:
            honcho.wait(timeout=30)
        finally:
            kill(honcho)
            redis.stop()
    stored = rows(database)
    assert len(stored) > 100, len(stored)
    assert {attempts for _, attempts, _ in stored} == {1}
    sent = [path.read_text() for path in mail_dir.iterdir()]
    subjects = sorted(
        line for text in sent for line in text.splitlines() if line.startswith("Subject: ")
    )
    assert len(subjects) == len(stored) == len(set(subjects))
