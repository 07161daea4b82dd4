"""Outage drill: the site under load while Redis, then PostgreSQL, stops and starts again.

    .venv/bin/python bench/outages.py [--seconds 15] [--threads 4] [--only postgresql]
        [--stop-mode immediate]

Starts servers of its own (a `redis-server` and a PostgreSQL cluster on free ports, as in the
tests), migrates and loads the demo, then runs gunicorn (2 sync workers, DEBUG=0) with
`--threads` clients requesting the home page, a search, a category, a service, a profile,
the sign-in page and the API in a loop. Each drill stops one server for `--seconds`, starts
it again and prints: requests and statuses before, during and after the outage, the 500s,
the slowest answer during it, the time to the first 503 and the time back to 200.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_servers import (  # noqa: E402
    Gunicorn,
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


def report(name: str, load: Load, stopped: float, started: float) -> None:
    statuses = Counter(answer.status for answer in load.answers)
    print(f"\n== {name} stopped for {started - stopped:.1f} s ==")
    print(f"requests: {len(load.answers)} {dict(statuses)}; 500s: {statuses[500]}")
    phases = (
        ("before", load.between(0, stopped)),
        ("during", load.between(stopped, started)),
        ("after", load.between(started)),
    )
    for label, answers in phases:
        seconds = [answer.seconds for answer in answers] or [0]
        print(
            f"  {label}: {len(answers)} {dict(Counter(a.status for a in answers))}, "
            f"answered in {statistics.median(seconds):.2f} s median, {max(seconds):.2f} s max"
        )
    unavailable = [answer for answer in load.answers if answer.status == 503]
    if unavailable:
        seconds = [answer.seconds for answer in unavailable]
        print(
            f"  503s: first {unavailable[0].answered - stopped:.2f} s after the stop, each "
            f"within {statistics.median(seconds):.2f} s median, {max(seconds):.2f} s max"
        )
    # Back to 200: each client's first 200 answered after the start.
    first_200 = {}
    for answer in load.between(started):
        if answer.status == 200:
            first_200.setdefault(answer.client, answer.answered - started)
    if first_200:
        print(
            f"  200 again: the first client {min(first_200.values()):.2f} s after the start, "
            f"all {len(first_200)} of {len(load.threads)} clients within "
            f"{max(first_200.values()):.2f} s"
        )
    late = [a.answered - started for a in load.between(started) if a.status != 200]
    if late:
        print(f"  last answer other than 200: {max(late):.2f} s after the start")


def drill(name, site_url, threads, seconds, stop, start) -> None:
    for path in PATHS:  # warm up: each worker's first pages load code and templates
        for _ in range(2):
            fetch(site_url + path)
    with Load(site_url, PATHS, clients=threads) as load:
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
    parser.add_argument(
        "--stop-mode",
        choices=["fast", "immediate"],
        default="fast",
        help="how PostgreSQL stops: fast (sessions ended, a clean shutdown) or immediate "
        "(processes killed, as in a crash)",
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
                lambda: database.stop(mode=args.stop_mode),
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
