"""The published schema states the limits the server applies, from the same constants."""

import re

import pytest
from django.core.management import call_command

from engagements.forms import MAX_AMOUNT, WHAT_MIN_LENGTH
from marketplace.api.schema import published_schema
from profiles.forms import MAX_HOURLY_RATE
from reviews.models import REVIEW_TEXT_MAX_LENGTH, REVIEW_TEXT_MIN_LENGTH

SCHEMA = published_schema()
COMPONENTS = SCHEMA["components"]["schemas"]


def test_spectacular_validates_the_schema_without_a_warning(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_an_hourly_rate_is_documented_as_the_range_the_form_applies():
    pattern = COMPONENTS["PatchedProfileUpdateRequest"]["properties"]["hourly_rate"]["pattern"]
    assert re.fullmatch(pattern, str(MAX_HOURLY_RATE))
    assert not re.fullmatch(pattern, str(MAX_HOURLY_RATE + 1))
    assert not re.fullmatch(pattern, "0")


def test_a_budget_is_documented_from_zero_to_the_most_a_form_takes():
    pattern = COMPONENTS["QuoteRequestRequest"]["properties"]["budget"]["pattern"]
    assert re.fullmatch(pattern, "0")
    assert re.fullmatch(pattern, str(MAX_AMOUNT))
    assert not re.fullmatch(pattern, str(MAX_AMOUNT + 1))


def test_text_lengths_are_documented():
    text = COMPONENTS["ReviewCreateRequest"]["properties"]["text"]
    assert (text["minLength"], text["maxLength"]) == (
        REVIEW_TEXT_MIN_LENGTH,
        REVIEW_TEXT_MAX_LENGTH,
    )
    assert COMPONENTS["QuoteRequestRequest"]["properties"]["what"]["minLength"] == WHAT_MIN_LENGTH


def parameters_of(path: str) -> dict[str, dict]:
    return {p["name"]: p["schema"] for p in SCHEMA["paths"][path]["get"]["parameters"]}


def test_the_search_filters_are_documented_with_their_bounds():
    parameters = parameters_of("/api/v1/services/")
    assert (parameters["min_rating"]["minimum"], parameters["min_rating"]["maximum"]) == (1, 5)
    assert parameters["skill"]["items"]["minLength"] == 1
    assert parameters["q"]["maxLength"] == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/services/?min_rating=0",
        "/api/v1/services/?skill=",
        "/api/v1/skills/?page=",
        "/api/v1/engagements/?role=",
    ],
)
def test_a_value_outside_the_documented_bounds_is_refused(as_user, freelancer, query):
    # `page=` and `role=` were taken as absent, though the schema allows neither.
    assert as_user(freelancer).get(query).status_code == 400
