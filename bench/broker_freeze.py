"""Drill: Redis (the cache and the Celery broker) frozen by SIGSTOP under reads and writes.

    .venv/bin/python bench/broker_freeze.py [--seconds 15] [--readers 6] [--writers 4]

Starts a PostgreSQL cluster and a `redis-server` of its own (as the tests do), migrates and
loads the demo, then runs gunicorn (2 sync workers, DEBUG=0) with REDIS_URL and
CELERY_BROKER_URL on that Redis and no worker. Readers request the public pages and the API in
a loop; writers post messages on engagements (each is stored with an email for the outbox).
Redis is frozen for `--seconds`, then thawed; then a Celery worker runs and the lost-email
sweep (outbox.tasks.send_lost_emails) runs as beat would a minute later. It prints: the
writes and their slowest answer during the freeze, the reads served during it against the
same time before it, the 500s, and how many stored emails went out once, twice or not at all.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.outages import PATHS  # noqa: E402
from tests.local_servers import (  # noqa: E402
    Gunicorn,
    HttpClient,
    Load,
    PostgresCluster,
    RedisServer,
    app_env,
    collectstatic,
    fetch,
    load_demo,
    migrate,
    postgres_folder,
)

# Writers: clients with an open engagement each, and their API tokens (one line per writer).
SEED = """
from accounts.models import User
from accounts.tokens import create_token
from engagements.quoting import request_quote
from services.models import Service
service = Service.objects.get(slug="putin-and-xi-meet-against-backdrop")
for n in range({writers}):
    user = User.objects.create_user(username=f"writer{{n}}", email=f"writer{{n}}@example.com")
    what = "A piece on the summit, 800 words."
    engagement = request_quote(service=service, client=user, what=what)
    print("writer", create_token(user=user, name="drill", request=None)[1], engagement.pk)
"""
SWEEP = """
from django.db.models import F
from outbox.models import LOST_AFTER, OutgoingEmail
from outbox.tasks import send_lost_emails
OutgoingEmail.objects.unsent().update(created_at=F("created_at") - LOST_AFTER)
print(send_lost_emails())
"""
COUNT = """
from collections import Counter
from outbox.models import OutgoingEmail
print(dict(Counter((e.sent_at is not None, e.attempts) for e in OutgoingEmail.objects.all())))
"""


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300,
    ).stdout  # fmt: skip


class Writers:
    """Each writer posts messages on its own engagement, as fast as answers come."""

    def __init__(self, base_url: str, seeds: list[tuple[str, str]]):
        self.answers: list[tuple[float, float, int]] = []  # (sent, answered, status)
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.run, args=(HttpClient(base_url, token), pk))
            for token, pk in seeds
        ]

    def run(self, client: HttpClient, engagement: str) -> None:
        number = 0
        while not self.stopping.is_set():
            sent = time.monotonic()
            status, _ = client.request(
                "POST", f"/api/v1/engagements/{engagement}/messages/", {"body": f"Note {number}"}
            )
            self.answers.append((sent, time.monotonic(), status))
            number += 1
            time.sleep(0.5)  # the per-user message limit: 30 in ten minutes

    def __enter__(self) -> "Writers":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()

    folder = postgres_folder()
    static_root = Path(tempfile.mkdtemp(prefix="freeze-static-"))
    mail_dir = Path(tempfile.mkdtemp(prefix="freeze-mail-"))
    database = PostgresCluster(folder, "primary")
    redis = RedisServer()
    site = worker = None
    try:
        database.init()
        database.start()
        database.sql("CREATE DATABASE market")
        migrate(database.url("market"))
        load_demo(database.url("market"))
        collectstatic(static_root)
        redis.start()
        env = app_env(
            database.url("market"),
            REDIS_URL=redis.url,
            CELERY_BROKER_URL=redis.url.removesuffix("/0") + "/1",
            STATIC_ROOT=str(static_root),
            API_THROTTLE_ANON="100000/minute",
            API_THROTTLE_USER="100000/minute",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(mail_dir),
        )
        seeds = [
            tuple(line.split()[1:])
            for line in manage(env, "shell", "-c", SEED.format(writers=args.writers)).split("\n")
            if line.startswith("writer ")
        ]
        site = Gunicorn(env)
        site.start()
        for path in PATHS:  # warm up: each worker's first pages load code and templates
            for _ in range(2):
                fetch(site.url + path)
        with (
            Load(site.url, PATHS, clients=args.readers) as reads,
            Writers(site.url, seeds) as writes,
        ):
            time.sleep(args.seconds)
            frozen = time.monotonic()
            redis.freeze()
            time.sleep(args.seconds)
            redis.thaw()
            thawed = time.monotonic()
            time.sleep(5)
        during = [a for a in writes.answers if frozen <= a[1] < thawed]
        before = [a for a in writes.answers if frozen - args.seconds <= a[1] < frozen]
        seconds = [answered - sent for sent, answered, _ in during] or [0]
        print(f"\n== Redis frozen (SIGSTOP) for {thawed - frozen:.1f} s ==")
        print(
            f"writes during the freeze: {len(during)} {dict(Counter(s for *_, s in during))}, "
            f"median {statistics.median(seconds):.2f} s, slowest {max(seconds):.2f} s "
            f"(before it: {len(before)} in as long)"
        )
        reads_before = reads.between(frozen - args.seconds, frozen)
        reads_during = reads.between(frozen, thawed)
        print(
            f"reads served: {len(reads_during)} during the freeze, {len(reads_before)} in as "
            f"long before it; statuses during {dict(Counter(a.status for a in reads_during))}"
        )
        statuses = Counter(a.status for a in reads.answers) + Counter(s for *_, s in writes.answers)
        print(f"500s in all: {statuses[500]}")

        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "celery"), "-A", "marketplace", "worker",
             "--concurrency", "2", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        time.sleep(15)  # the worker sends what reached the broker
        swept = manage(env, "shell", "-c", SWEEP).split()[-1]
        time.sleep(5)
        print(f"emails the sweep sent (their tasks lost): {swept}")
        counted = manage(env, "shell", "-c", COUNT).strip().splitlines()[-1]
        print(f"stored emails by (sent, attempts): {counted}")
        # The file backend appends the messages of one second and process to one file.
        sent = [
            line
            for path in mail_dir.iterdir()
            for line in path.read_text().splitlines()
            if line.startswith("Message-ID: ")
        ]
        print(f"emails written: {len(sent)}, of them distinct: {len(set(sent))}")
    finally:
        if worker:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(30)
        if site:
            log = site.stop()
            print(f"tracebacks in the server's log: {log.count('Traceback')}")
        redis.stop()
        if database.is_running():
            database.stop()
        for path in (folder, static_root, mail_dir):
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
