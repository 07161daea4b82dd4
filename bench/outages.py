"""Outage drill: the site under load while Redis, then PostgreSQL, stops and starts again.

    .venv/bin/python bench/outages.py [--seconds 15] [--threads 4]

Starts servers of its own (a `redis-server` and a PostgreSQL cluster on free ports, as in the
tests), migrates and loads the demo, then runs gunicorn (2 sync workers, DEBUG=0) with
`--threads` clients requesting the home page, a search, a category, a service, a profile,
the sign-in page and the API in a loop. Each drill stops one server for `--seconds`, starts
it again and prints: requests and statuses before, during and after the outage, the 500s,
the slowest answer during it, the time to the first 503 and the time back to 200.
"""

import argparse
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_servers import (  # noqa: E402
    Gunicorn,
    PostgresCluster,
    RedisServer,
    app_env,
    collectstatic,
    fetch,
    load_demo,
    migrate,
    postgres_folder,
)

PATHS = [
    "/",
    "/services/?q=news",
    "/categories/articles-news/",
    "/services/putin-and-xi-meet-against-backdrop/",
    "/freelancers/elena-marsh/",
    "/accounts/login/",
    "/api/v1/services/",
    "/api/v1/categories/",
]


class Load:
    """Clients requesting PATHS in a loop; each answer is recorded with its time."""

    def __init__(self, base_url: str, threads: int):
        self.base_url = base_url
        self.answers: list[tuple[float, float, int]] = []  # (answered at, seconds, status)
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(threads)]

    def run(self, offset: int) -> None:
        index = offset
        while not self.stopping.is_set():
            sent = time.monotonic()
            try:
                status = fetch(self.base_url + PATHS[index % len(PATHS)], timeout=30)[0]
            except OSError:
                status = 0  # no answer at all
            self.answers.append((time.monotonic(), time.monotonic() - sent, status))
            index += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def between(self, start: float, end: float) -> list[tuple[float, float, int]]:
        return [answer for answer in self.answers if start <= answer[0] < end]


def report(name: str, load: Load, stopped: float, started: float) -> None:
    before = load.between(0, stopped)
    during = load.between(stopped, started)
    after = load.between(started, float("inf"))
    statuses = Counter(status for _, _, status in load.answers)
    print(f"\n== {name} stopped for {started - stopped:.1f} s ==")
    print(f"requests: {len(load.answers)} {dict(statuses)}; 500s: {statuses[500]}")
    for label, answers in (("before", before), ("during", during), ("after", after)):
        print(f"  {label}: {len(answers)} {dict(Counter(s for _, _, s in answers))}")
    if during:
        print(f"  slowest answer during the outage: {max(s for _, s, _ in during):.2f} s")
    first_503 = next((answered for answered, _, s in during if s == 503), None)
    if first_503 is not None:
        print(f"  first 503 answered {first_503 - stopped:.2f} s after the stop")
    back = next((answered for answered, _, s in after if s == 200), None)
    if back is not None:
        print(f"  first 200 answered {back - started:.2f} s after the start")


def drill(name, site_url, threads, seconds, stop, start) -> None:
    for path in PATHS:  # warm up: each worker's first pages load code and templates
        for _ in range(2):
            fetch(site_url + path)
    with Load(site_url, threads) as load:
        time.sleep(3)
        stopped = time.monotonic()  # the stop's effects begin before `stop()` returns
        stop()
        time.sleep(seconds)
        start()
        started = time.monotonic()  # the server accepts connections once `start()` returns
        time.sleep(5)
    report(name, load, stopped, started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--only", choices=["redis", "postgresql"], help="run one drill instead of both"
    )
    args = parser.parse_args()

    folder = postgres_folder()
    static_root = Path(tempfile.mkdtemp(prefix="outages-static-"))
    database = PostgresCluster(folder, "primary")
    redis = RedisServer()
    site = None
    try:
        database.init()
        database.start()
        database.sql("CREATE DATABASE market")
        migrate(database.url("market"))
        load_demo(database.url("market"))
        collectstatic(static_root)
        redis.start()
        site = Gunicorn(
            app_env(
                database.url("market"),
                REDIS_URL=redis.url,
                STATIC_ROOT=str(static_root),
                # The drill's clients share one address: the throttles must not be what answers.
                API_THROTTLE_ANON="100000/minute",
            )
        )
        site.start()
        if args.only != "postgresql":
            drill("Redis", site.url, args.threads, args.seconds, redis.stop, redis.start)
            print(f"  keys in Redis 5 s after its start: {redis.client().dbsize()}")
        if args.only != "redis":
            drill(
                "PostgreSQL",
                site.url,
                args.threads,
                args.seconds,
                lambda: database.stop(mode="fast"),
                database.start,
            )
    finally:
        if site:
            log = site.stop()
            print(f"\ntracebacks in the server's log: {log.count('Traceback')}")
        redis.stop()
        if database.is_running():
            database.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
