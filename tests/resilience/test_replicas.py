"""Reads from a streaming replica, writes to the primary, read-your-writes, lag and outages.

Against a real PostgreSQL primary and hot standby of the tests' own (see conftest.py), served
by gunicorn. Replaying WAL is paused on the replica to make its data visibly older than the
primary's: a read that sees the old value was served by the replica.
"""

import time
from collections import Counter

import pytest
from django.db import connections, transaction

from marketplace.db import replicas
from marketplace.db.routers import ReplicaRouter
from services.models import Service
from tests.local_servers import Gunicorn, HttpClient, app_env, fetch, media_env

pytestmark = pytest.mark.postgres

MAX_LAG = 3
CHECK_SECONDS = 0.5
SERVICE = "/api/v1/services/putin-and-xi-meet-against-backdrop/"
SLUG = "putin-and-xi-meet-against-backdrop"


@pytest.fixture
def site(postgres_pair, static_root, site_media):
    primary, replica = postgres_pair
    server = Gunicorn(
        app_env(
            primary.url("market"),
            DATABASE_REPLICA_URLS=replica.url("market"),
            DATABASE_REPLICA_MAX_LAG=str(MAX_LAG),
            DATABASE_REPLICA_CHECK_SECONDS=str(CHECK_SECONDS),
            STATIC_ROOT=str(static_root),
            **media_env(site_media),
            API_THROTTLE_TOKEN="100/minute",
        ),
        workers=1,
    )
    server.start()
    yield server
    log = server.stop()
    assert "Traceback" not in log, log


def caught_up(primary, replica) -> None:
    """Write on the primary and wait until the replica has replayed it."""
    lsn = primary.sql("SELECT pg_current_wal_insert_lsn()")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn") == "t":
            return
        time.sleep(0.05)
    raise TimeoutError("the replica does not catch up")


def set_title(primary, title: str) -> None:
    primary.sql(f"UPDATE services_service SET title = '{title}' WHERE slug = '{SLUG}'", "market")


def test_reads_come_from_the_replica_and_a_writer_reads_its_own_writes(site, postgres_pair):
    primary, replica = postgres_pair
    status, token = HttpClient(site.url).request(
        "POST",
        "/api/v1/auth/token/",
        {"email": "freelancer@example.com", "password": "demo-freelancer"},
    )
    assert status == 200, token
    writer, reader = HttpClient(site.url, token["token"]), HttpClient(site.url)

    set_title(primary, "Title one")
    caught_up(primary, replica)
    assert reader.request("GET", SERVICE)[1]["title"] == "Title one"
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        set_title(primary, "Title two")
        # The replica has not replayed it: anonymous reads still see the old title.
        assert reader.request("GET", SERVICE)[1]["title"] == "Title one"

        # The freelancer saves a new headline and sees it at once; others do not yet.
        status, saved = writer.request("PATCH", "/api/v1/me/", {"headline": "Fresh headline"})
        assert status == 200, saved
        assert writer.request("GET", "/api/v1/me/")[1]["headline"] == "Fresh headline"
        assert writer.request("GET", "/api/v1/profiles/elena-marsh/")[1]["headline"] == (
            "Fresh headline"
        )
        assert reader.request("GET", "/api/v1/profiles/elena-marsh/")[1]["headline"] != (
            "Fresh headline"
        )

        # Past the allowed lag the replica is skipped: everyone reads the primary.
        time.sleep(MAX_LAG + CHECK_SECONDS + 0.5)
        assert reader.request("GET", SERVICE)[1]["title"] == "Title two"
        assert fetch(site.url + "/readyz")[0] == 200  # a lagging replica is not required
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
    caught_up(primary, replica)


def test_a_stopped_replica_costs_no_failed_request(site, postgres_pair, record_property):
    primary, replica = postgres_pair
    pages = ["/", "/services/?q=news", f"/services/{SLUG}/", "/freelancers/elena-marsh/", SERVICE]
    assert {fetch(site.url + page)[0] for page in pages} == {200}
    replica.stop(mode="fast")
    statuses = Counter()
    try:
        for _ in range(3):
            for page in pages:
                statuses[fetch(site.url + page)[0]] += 1
        ready = fetch(site.url + "/readyz")
    finally:
        replica.start()
    assert statuses == {200: 3 * len(pages)}, statuses
    assert ready[0] == 200 and '"replica1": {"status": "failing"' in ready[2]
    record_property("stopped_replica_statuses", dict(statuses))
    caught_up(primary, replica)


class TestRouter:
    """The router's choices, with a replica alias that points at the real replica."""

    @pytest.fixture
    def replica_alias(self, postgres_pair, settings):
        primary, replica = postgres_pair
        # The lag check dates the replica by the last transaction it replayed: commit one now,
        # as the site's traffic would, so that the replica is current whatever ran before.
        primary.sql(f"UPDATE services_service SET title = title WHERE slug = '{SLUG}'", "market")
        caught_up(primary, replica)
        alias = "replica1"
        replica_settings = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "market",
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": replica.port,
        }
        connections.settings[alias] = connections.configure_settings(
            {"default": connections.settings["default"], alias: replica_settings}
        )[alias]
        settings.DATABASE_REPLICAS = [alias]
        settings.DATABASE_REPLICA_MAX_LAG = MAX_LAG
        settings.DATABASE_REPLICA_CHECK_SECONDS = 0
        token = replicas.use_replicas(True)
        yield alias
        replicas.reset_use(token)
        connections[alias].close()
        del connections.settings[alias]

    def test_reads_go_to_the_replica_outside_a_transaction(self, replica_alias, db):
        # pytest-django's `db` wraps each test in a transaction: leave it to look outside.
        router = ReplicaRouter()
        assert connections["default"].in_atomic_block
        assert router.db_for_read(Service) == "default"

    @pytest.mark.django_db(transaction=True)
    def test_reads_in_a_transaction_and_writes_go_to_the_primary(self, replica_alias):
        router = ReplicaRouter()
        assert router.db_for_read(Service) == replica_alias
        with transaction.atomic():
            assert router.db_for_read(Service) == "default"
        assert router.db_for_write(Service) == "default"
        token = replicas.use_replicas(False)  # e.g. a pinned client, a task, a command
        assert router.db_for_read(Service) == "default"
        replicas.reset_use(token)

    def test_migrations_run_on_the_primary_only(self, replica_alias):
        router = ReplicaRouter()
        assert router.allow_migrate("default", "services")
        assert not router.allow_migrate(replica_alias, "services")
