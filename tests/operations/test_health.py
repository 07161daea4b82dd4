"""/healthz answers without touching anything; /readyz checks what serving needs."""

import pytest

from tests.local_servers import RedisServer, free_port

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_readyz_reports_each_check_with_its_status_and_latency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {"database", "storage"} <= set(body["checks"])
    for check in body["checks"].values():
        assert check["status"] == "ok"
        assert isinstance(check["latency_ms"], float)
    assert body["checks"]["database"]["required"] is True


def test_readyz_checks_the_broker_when_one_is_configured(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/4"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["status"] == "ok"


def test_readyz_is_a_503_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    broker = body["checks"]["broker"]
    assert broker["status"] == "failing" and broker["required"] and broker["error"]
    assert broker["latency_ms"] < 5_000


def test_a_cache_outage_is_reported_but_the_node_stays_ready(client, settings):
    redis = RedisServer()
    redis.start()
    settings.CACHES = {
        "default": {"BACKEND": "marketplace.cache.DegradingRedisCache", "LOCATION": redis.url}
    }
    assert client.get("/readyz").json()["checks"]["cache"]["status"] == "ok"
    redis.stop()
    response = client.get("/readyz")
    assert response.status_code == 200
    cache_check = response.json()["checks"]["cache"]
    assert cache_check["status"] == "failing" and cache_check["required"] is False


def test_readyz_is_a_503_when_the_media_storage_fails(client, settings, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocker / "media"},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["status"] == "failing"


def test_readyz_answers_within_seconds_when_the_broker_is_frozen(client, settings):
    redis = RedisServer()
    redis.start()
    settings.CELERY_BROKER_URL = redis.url
    redis.freeze()  # connections are accepted; nothing answers
    try:
        response = client.get("/readyz")
    finally:
        redis.stop()
    assert response.status_code == 503
    broker = response.json()["checks"]["broker"]
    assert broker["status"] == "failing" and broker["latency_ms"] < 3_000
