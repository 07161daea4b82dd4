"""A retry with the same `Idempotency-Key` gets the first answer and writes nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from engagements.models import Engagement, Message
from idempotency.models import IdempotencyKey
from idempotency.tasks import prune_idempotency_keys
from reviews.models import Review, ReviewReport
from tests.factories import ReviewFactory
from tests.support.api import error_of
from tests.support.threads import run_concurrently
from tests.support.tokens import token_key_for
from tests.upload_files import jpeg_bytes, upload

pytestmark = pytest.mark.django_db

ENGAGEMENTS = "/api/v1/engagements/"
QUOTE = {"service": "i-will-write-your-news", "what": "A 1,000-word piece on the budget."}


def post(api, url, body, key="key-1", **extra):
    return api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=key, **extra)


def test_a_repeated_quote_request_gets_the_first_answer_and_writes_nothing(
    as_user, hiring_client, service
):
    api = as_user(hiring_client)
    first = post(api, ENGAGEMENTS, QUOTE)
    assert first.status_code == 201
    again = post(api, ENGAGEMENTS, QUOTE)
    assert again.status_code == 201
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Engagement.objects.count() == 1


def test_a_method_the_endpoint_lacks_is_a_405_whatever_the_key(as_user, hiring_client, service):
    api = as_user(hiring_client)
    assert post(api, ENGAGEMENTS, QUOTE).status_code == 201
    response = api.put(ENGAGEMENTS, QUOTE, format="json", HTTP_IDEMPOTENCY_KEY="key-1")
    assert response.status_code == 405
    assert IdempotencyKey.objects.count() == 1


def test_without_a_key_a_repeat_is_a_new_request(as_user, hiring_client, service):
    api = as_user(hiring_client)
    assert api.post(ENGAGEMENTS, QUOTE, format="json").status_code == 201
    second = api.post(ENGAGEMENTS, QUOTE, format="json")
    assert error_of(second)["code"] == "duplicate"  # the workflow's own rule answered


def test_the_same_key_with_another_body_is_a_409_and_writes_nothing(
    as_user, hiring_client, service
):
    api = as_user(hiring_client)
    post(api, ENGAGEMENTS, QUOTE)
    other = post(api, ENGAGEMENTS, {**QUOTE, "what": "Something else"})
    assert other.status_code == 409
    assert error_of(other)["code"] == "idempotency_key_reused"
    assert "another request" in error_of(other)["detail"]
    assert Engagement.objects.count() == 1


def test_keys_belong_to_their_user(as_user, hiring_client, outsider, service):
    post(as_user(hiring_client), ENGAGEMENTS, QUOTE)
    theirs = post(as_user(outsider), ENGAGEMENTS, QUOTE)
    assert theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs
    assert Engagement.objects.count() == 2


def test_a_refused_request_keeps_nothing_so_the_corrected_retry_runs(
    as_user, hiring_client, service
):
    api = as_user(hiring_client)
    refused = post(api, ENGAGEMENTS, {"service": service.slug})
    assert refused.status_code == 400
    assert post(api, ENGAGEMENTS, QUOTE).status_code == 201
    assert Engagement.objects.count() == 1


def test_a_repeated_message_is_sent_once(as_user, hiring_client, engagement_in):
    engagement = engagement_in("accepted")
    api = as_user(hiring_client)
    url = f"{ENGAGEMENTS}{engagement.pk}/messages/"
    responses = [post(api, url, {"body": "Any news?"}) for _ in range(3)]
    assert [r.status_code for r in responses] == [201, 201, 201]
    assert Message.objects.filter(engagement=engagement).count() == 1


def test_a_repeated_review_and_report_are_written_once(
    as_user, hiring_client, outsider, engagement_in, service
):
    engagement = engagement_in("completed")
    review = {"engagement": engagement.pk, "rating": 5, "text": "Clear, fast and well sourced."}
    api = as_user(hiring_client)
    first, again = post(api, "/api/v1/reviews/", review), post(api, "/api/v1/reviews/", review)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert Review.objects.count() == 1

    other = ReviewFactory(service=service, rating=2, text="Late and careless work.")
    report = {"reason": "Not about the work."}
    reporter = as_user(outsider)
    url = f"/api/v1/reviews/{other.pk}/reports/"
    assert post(reporter, url, report, key="r").status_code == 201
    assert post(reporter, url, report, key="r").status_code == 201
    assert ReviewReport.objects.count() == 1


def test_a_repeated_upload_is_stored_once(as_user, freelancer, profile):
    api = as_user(freelancer)
    content = jpeg_bytes()

    def put():
        return api.put(
            "/api/v1/me/avatar/",
            {"avatar": upload("me.jpg", content, "image/jpeg")},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="avatar-1",
        )

    first = put()
    assert first.status_code == 200
    profile.refresh_from_db()
    stored = profile.avatar.name
    again = put()
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    profile.refresh_from_db()
    assert profile.avatar.name == stored


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "é"])
def test_a_malformed_key_is_a_400(as_user, hiring_client, service, key):
    response = post(as_user(hiring_client), ENGAGEMENTS, QUOTE, key=key)
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_idempotency_key"
    assert Engagement.objects.count() == 0


def test_an_anonymous_request_with_a_key_is_left_to_the_view(api, service):
    assert post(api, ENGAGEMENTS, QUOTE).status_code == 401
    assert IdempotencyKey.objects.count() == 0


def test_the_periodic_task_prunes_keys_older_than_a_day(hiring_client):
    now = timezone.now()
    for key, age in [("old", timedelta(hours=24, minutes=1)), ("new", timedelta(hours=23))]:
        IdempotencyKey.objects.create(
            user=hiring_client, key=key, fingerprint="f", status_code=201, created_at=now - age
        )
    assert prune_idempotency_keys.delay().get() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert prune_idempotency_keys.delay().get() == 0


def test_the_schema_documents_the_header_on_posts_and_puts(client):
    schema = client.get("/api/schema/?format=json").json()
    for path, method in [("/api/v1/engagements/", "post"), ("/api/v1/me/avatar/", "put")]:
        operation = schema["paths"][path][method]
        names = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert "Idempotency-Key" in names
        assert "409" in operation["responses"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_write_once_and_get_the_same_answer(hiring_client, service):
    token = token_key_for(hiring_client)

    def send(_):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        response = post(api, ENGAGEMENTS, QUOTE, key="same")
        return response.status_code, response.content

    results = run_concurrently(4, send)
    assert [status for status, _ in results] == [201] * 4, results
    assert len({content for _, content in results}) == 1
    assert Engagement.objects.count() == 1
    assert connection.vendor == "postgresql"
