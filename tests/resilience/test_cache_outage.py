"""Redis stops: pages, sign-in and the API keep answering from the database; it returns:
caching resumes. Run against a `redis-server` of the test's own, stopped mid-test."""

import logging
import time
from collections import Counter

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from marketplace import cache as degrading_cache
from tests.factories import UserFactory
from tests.local_servers import RedisServer
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def redis_server(settings, monkeypatch):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "marketplace.cache.DegradingRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Throttles on, low enough that a working cache would count: failing open is visible.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/minute", "user": "1000/minute", "token": "10/m"},
    }
    monkeypatch.setattr(degrading_cache, "RETRY_AFTER_SECONDS", 0.2)
    yield server
    server.stop()


def visit_everything(browser, api, service, member) -> Counter:
    """One round of the pages and API calls the issue saw fail, by status."""
    statuses = Counter()
    for url in [
        reverse("services:home"),
        reverse("services:list") + "?q=news",
        reverse("services:category", args=[service.category.slug]),
        service.get_absolute_url(),
        service.owner.get_absolute_url(),
        reverse("account_login"),
        reverse("dashboard:home"),
    ]:
        statuses[browser.get(url).status_code] += 1
    anonymous = APIClient()
    for url in ["/api/v1/services/", "/api/v1/categories/", f"/api/v1/services/{service.slug}/"]:
        statuses[anonymous.get(url).status_code] += 1
    statuses[api.get("/api/v1/engagements/").status_code] += 1
    signing_in = browser.__class__()
    response = signing_in.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}
    )
    statuses[response.status_code] += 1
    return statuses


def test_pages_sign_in_and_the_api_answer_while_redis_is_down_and_caching_resumes(
    redis_server, client, service, hiring_client, caplog
):
    caplog.set_level(logging.WARNING)
    member = UserFactory(username="mia", email="mia@example.com", password=PASSWORD)
    client.force_login(member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(hiring_client)}")

    up = visit_everything(client, api, service, member)
    assert set(up) <= {200, 302}, up
    assert redis_server.client().dbsize() > 0  # counts, throttles and sessions are cached

    redis_server.stop()
    down = Counter()
    for _ in range(3):
        down += visit_everything(client, api, service, member)
    assert set(down) <= {200, 302}, down
    # The signed-in session survived the outage: its row is in the database.
    assert client.get(reverse("dashboard:home")).context["user"] == member
    # Rate limits fail open: a quote request is accepted while the counters are away.
    quote = {"service": service.slug, "what": "A piece on the budget."}
    quote = api.post("/api/v1/engagements/", quote, format="json")
    assert quote.status_code == 201, quote.content
    assert "Cache unavailable" in caplog.text
    assert not [record for record in caplog.records if record.exc_info]

    redis_server.start()
    time.sleep(0.3)  # the cache's pause after a failure (0.2 s here)
    assert redis_server.client().dbsize() == 0
    assert client.get(reverse("services:home")).status_code == 200
    assert cache.get("probe") is None and redis_server.client().dbsize() > 0


def test_a_frozen_redis_costs_a_page_at_most_its_timeouts_and_caching_resumes_after(
    redis_server, client, service, hiring_client
):
    """SIGSTOP: connections are still accepted, but nothing answers (a host gone silent)."""
    member = UserFactory(username="mia", email="mia@example.com", password=PASSWORD)
    client.force_login(member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(hiring_client)}")
    visit_everything(client, api, service, member)  # connections open, counters cached

    redis_server.freeze()
    try:
        started = time.monotonic()
        down = visit_everything(client, api, service, member)
        seconds = time.monotonic() - started
    finally:
        redis_server.thaw()
    assert set(down) <= {200, 302}, down
    # 12 requests; each waits at most once for the timeouts (0.5 s) before the cache is
    # skipped, and it is skipped for a while after each failure.
    assert seconds < 6, seconds

    time.sleep(0.3)  # the cache's pause after a failure (0.2 s here)
    redis_server.client().flushall()
    assert client.get(reverse("services:home")).status_code == 200
    assert redis_server.client().dbsize() > 0


def test_cached_pages_are_drawn_while_redis_is_down_and_kept_again_after(
    redis_server, page_cache_on, service
):
    visitor, url = Client(), service.get_absolute_url()
    visitor.get(url)
    assert visitor.get(url).context is None  # answered from the cache: no template drawn

    redis_server.stop()
    down = visitor.get(url)
    assert down.status_code == 200 and down.context is not None
    assert service.title.encode() in down.content

    redis_server.start()
    time.sleep(0.3)  # the cache's pause after a failure (0.2 s here)
    visitor.get(url)
    assert visitor.get(url).context is None
