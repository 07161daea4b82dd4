"""Benchmark: generate 100,000 services in PostgreSQL, then time the pages server-side.

    make bench                      # or: .venv/bin/python bench/run.py --services 100000

Uses BENCH_DATABASE_URL (default: a `marketplace_bench` database on the local PostgreSQL),
creating it if needed, and tops it up to --services generated services. Pages are rendered
in-process with Django's test client (no network), each --runs times after a warm-up; the
figures are the median and 95th percentile of the whole request.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/marketplace_bench"
TARGETS_MS = {"search": 100, "category": 50, "service": 50}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    # Production settings (cached templates, no debug bookkeeping), minus HTTPS redirects:
    # the test client speaks plain HTTP.
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-not-a-secret",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=tempfile.mkdtemp(prefix="bench-static-"),
    )
    name = url.rsplit("/", 1)[-1]
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False
    )

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from demo import generator
    from profiles.models import Profile
    from services.models import Category, Service

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_demo", population=0, verbosity=0)
    generated = Service.objects.filter(
        owner__user__email__endswith=f"@{generator.GENERATED_EMAIL_DOMAIN}"
    ).count()
    missing = args.services - generated
    if missing > 0:
        started = time.monotonic()
        counts = generator.generate(services=missing, seed=42)
        seconds = time.monotonic() - started
        print(f"generated {counts} in {seconds:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    total = Service.objects.count()
    print(f"{total} services in {connection.vendor} ({name})\n")

    leaf = Category.objects.leaves().order_by("position").first()
    parent = Category.objects.top_level().order_by("position").first()
    busiest = Service.objects.published().order_by("-review_count", "id").first()
    profile = Profile.objects.order_by("-review_count", "id").first()
    pages = {
        "home": ["/"],
        "search": [
            "/services/?q=news+writing",
            "/services/?q=logo+design",
            "/services/?q=python+developer",
            "/services/?q=data+entry&sort=rate_low",
            "/services/?q=jurnalism",
        ],
        "list": ["/services/", "/services/?min_rate=20&max_rate=40&sort=best_rated"],
        "category": [leaf.get_absolute_url(), parent.get_absolute_url()],
        "service": ["/services/putin-and-xi-meet-against-backdrop/", busiest.get_absolute_url()],
        "profile": [profile.get_absolute_url()],
    }
    client = Client()
    print(f"{'page':<10} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    for kind, urls in pages.items():
        timings, queries = [], 0
        for url in urls:
            assert client.get(url).status_code == 200, url  # warm-up, and a sanity check
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                queries = max(queries, len(captured))
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        target = TARGETS_MS.get(kind)
        verdict = "" if target is None else f"< {target} ms {'ok' if median < target else 'MISS'}"
        print(f"{kind:<10} {median:>10.1f} {p95:>8.1f} {queries:>8}  {verdict}")


if __name__ == "__main__":
    main()
