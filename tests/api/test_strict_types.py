"""The API takes the JSON types its schema documents, and nothing else in their place."""

import pytest

from engagements.models import Message
from profiles.models import Skill
from tests.support.api import error_of

pytestmark = pytest.mark.django_db


def test_a_number_is_not_a_message(as_user, hiring_client, engagement_in):
    # Was 201: DRF read 0 as the text "0", and posted it.
    engagement = engagement_in("accepted")
    response = as_user(hiring_client).post(
        f"/api/v1/engagements/{engagement.pk}/messages/", {"body": 0}
    )
    assert response.status_code == 400
    assert error_of(response)["errors"] == {"body": ["Enter a value of type string."]}
    assert not Message.objects.filter(body="0").exists()


@pytest.mark.parametrize(
    "change",
    [
        {"skills": [0]},
        {"skills": "News Writing"},
        {"title": 12},
        {"hourly_rate": 25},
        {"hourly_rate": True},
        {"category": ["articles-news"]},
    ],
)
def test_a_service_takes_only_the_documented_types(as_user, freelancer, articles, change):
    body = {
        "title": "I will edit your long reads",
        "category": "articles-news",
        "description": "Structural and line editing.",
        "hourly_rate": "25.00",
        **change,
    }
    response = as_user(freelancer).post("/api/v1/services/", body)
    assert response.status_code == 400
    assert list(error_of(response)["errors"]) == list(change)
    assert not Skill.objects.filter(name="0").exists()


def test_a_string_is_not_a_rating(as_user, hiring_client, engagement_in):
    engagement = engagement_in("completed")
    response = as_user(hiring_client).post(
        "/api/v1/reviews/",
        {"engagement": str(engagement.pk), "rating": "5", "text": "Clear and early, thanks!"},
    )
    assert response.status_code == 400
    assert set(error_of(response)["errors"]) == {"engagement", "rating"}


@pytest.mark.parametrize("rate", ["0", "10000.01", "025", " 25", "2.5e1", "-0", "25.", "25.001"])
def test_an_hourly_rate_is_refused_exactly_where_the_schema_pattern_refuses_it(
    as_user, freelancer, rate
):
    response = as_user(freelancer).patch("/api/v1/me/", {"hourly_rate": rate})
    assert response.status_code == 400
    assert list(error_of(response)["errors"]) == ["hourly_rate"]


@pytest.mark.parametrize("rate", ["1", "25.5", "9999.99", "10000", "10000.00"])
def test_an_hourly_rate_the_schema_allows_is_taken(as_user, freelancer, rate):
    response = as_user(freelancer).patch("/api/v1/me/", {"hourly_rate": rate})
    assert response.status_code == 200


@pytest.mark.parametrize("body", ["\u200b", "\u200b\u200d\ufeff", "\u2060 \u200b"])
def test_a_message_that_shows_nothing_is_refused(as_user, hiring_client, engagement_in, body):
    # Was 201: a zero-width space is not whitespace to Python, so the message was posted.
    engagement = engagement_in("accepted")
    response = as_user(hiring_client).post(
        f"/api/v1/engagements/{engagement.pk}/messages/", {"body": body}
    )
    assert response.status_code == 400
    assert not engagement.messages.exists()


def test_an_original_url_must_be_a_valid_uri_as_the_schema_says(as_user, freelancer, profile):
    # "ü" and "|" are not allowed in a URI; the schema publishes the address's pattern, so the
    # server refuses what the pattern refuses, and takes the percent-encoded form.
    client = as_user(freelancer)
    url = f"/api/v1/profiles/{profile.slug}/samples/"
    sample = {"title": "Budget day", "body": "The minister rose at noon."}
    refused = client.post(url, {**sample, "original_url": "https://example.com/müller|x"})
    assert refused.status_code == 400
    assert "original_url" in refused.json()["errors"]

    encoded = "https://example.com/m%C3%BCller%7Cx"
    response = client.post(url, {**sample, "original_url": encoded})
    assert response.status_code == 201
    assert response.json()["original_url"] == encoded
