"""PostgreSQL stops: the site answers 503 with `Retry-After` within seconds, and 200 again
within 2 s of the database's return, without a restart. Served by gunicorn, against a
PostgreSQL cluster of the test's own, stopped and started mid-test."""

import json
import time
from collections import Counter

import pytest

from tests.local_servers import Gunicorn, app_env, fetch

pytestmark = pytest.mark.postgres

FAIL_FAST_SECONDS = 5
RECOVERY_SECONDS = 2


@pytest.fixture
def site(postgres_pair, static_root):
    primary, _ = postgres_pair
    server = Gunicorn(
        app_env(
            primary.url("market"),
            STATIC_ROOT=str(static_root),
        )
    )
    server.start()
    yield server
    log = server.stop()
    assert "Traceback" not in log, log


def test_a_stopped_database_is_a_503_within_seconds_and_a_started_one_200_at_once(
    site, postgres_pair, record_property
):
    primary, _ = postgres_pair
    assert fetch(site.url + "/")[0] == 200
    assert fetch(site.url + "/api/v1/services/")[0] == 200

    primary.stop(mode="fast")
    stopped = time.monotonic()
    statuses, slowest = Counter(), 0.0
    try:
        for _ in range(2):
            for path in ["/", "/services/?q=news", "/api/v1/services/"]:
                status, headers, body, seconds = fetch(site.url + path)
                statuses[status] += 1
                slowest = max(slowest, seconds)
                assert status == 503, (path, status, body[:300])
                assert seconds < FAIL_FAST_SECONDS
                assert headers["Retry-After"].isdigit()
                if path.startswith("/api/"):
                    assert json.loads(body)["code"] == "unavailable"
                else:
                    assert "Briefly unavailable" in body and "site-header" in body
        assert fetch(site.url + "/healthz")[0] == 200
        status, _, body, seconds = fetch(site.url + "/readyz")
        assert status == 503 and seconds < FAIL_FAST_SECONDS
        assert json.loads(body)["checks"]["database"]["status"] == "failing"
    finally:
        primary.start()
    restarted = time.monotonic()
    while (status := fetch(site.url + "/")[0]) != 200 and time.monotonic() - restarted < 10:
        time.sleep(0.05)
    recovered = time.monotonic() - restarted
    assert status == 200
    assert recovered < RECOVERY_SECONDS
    assert fetch(site.url + "/api/v1/services/")[0] == 200

    record_property("outage_requests", sum(statuses.values()))
    record_property("outage_statuses", dict(statuses))
    record_property("slowest_503_seconds", round(slowest, 2))
    record_property("recovery_seconds", round(recovered, 2))
    print(
        f"\ndatabase outage: {sum(statuses.values())} requests {dict(statuses)}, "
        f"0 x 500, slowest 503 in {slowest:.2f} s, 200 again {recovered:.2f} s after the "
        f"database started (outage lasted {restarted - stopped:.1f} s)"
    )
