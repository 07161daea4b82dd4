"""The API under Django's development server (`make run`), whose wsgiref core is stricter than
gunicorn: every header must be a plain `str`, so a `str` subclass in `Location` is a 500."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories import CompletedEngagementFactory, ServiceFactory, UserFactory
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db(transaction=True)
NEW_SERVICE = {
    "title": "I will edit your long reads",
    "category": "articles-news",
    "description": "Structural and line editing.",
    "hourly_rate": "25.00",
}


def post(live_server, path: str, body: dict, user) -> tuple[int, dict, dict]:
    key = token_key_for(user)
    request = urllib.request.Request(
        f"{live_server.url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {key}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), {}


def test_creating_a_service_answers_201_with_its_location(live_server, articles, service):
    status, headers, body = post(live_server, "/api/v1/services/", NEW_SERVICE, service.owner.user)
    assert status == 201
    assert headers["Location"] == body["url"]


def test_creating_an_engagement_and_a_review_answer_201_with_their_location(live_server):
    client = UserFactory()
    status, headers, body = post(
        live_server,
        "/api/v1/engagements/",
        {"service": ServiceFactory().slug, "what": "A short explainer on the summit."},
        client,
    )
    assert status == 201
    assert headers["Location"] == body["url"]
    engagement = CompletedEngagementFactory(client=client)
    status, headers, body = post(
        live_server,
        "/api/v1/reviews/",
        {"engagement": engagement.pk, "rating": 5, "text": "Clear, well-sourced and early."},
        client,
    )
    assert status == 201
    assert headers["Location"] == body["url"]


def test_the_schema_answers_several_clients_at_once(live_server):
    # The development server is threaded; generating the schema in two threads at once
    # answered 500 to one of them.
    def fetch(_):
        with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as response:
            return response.status

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(fetch, range(8))) == [200] * 8
