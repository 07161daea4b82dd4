"""The published schema states the limits the server applies, from the same constants."""

import re
from pathlib import Path

import pytest

from engagements.forms import WHAT_MIN_LENGTH
from engagements.models import REVIEW_WINDOW
from marketplace.api.schema import published_schema
from money.limits import MAX_HOURLY_RATE, MAX_QUOTE
from profiles.forms import MAX_SKILL_NAME_LENGTH, MAX_SKILLS
from reviews.models import EDIT_WINDOW, REVIEW_TEXT_MAX_LENGTH, REVIEW_TEXT_MIN_LENGTH

SCHEMA = published_schema()
COMPONENTS = SCHEMA["components"]["schemas"]


def test_an_hourly_rate_is_documented_as_the_range_the_form_applies():
    pattern = COMPONENTS["PatchedProfileUpdateRequest"]["properties"]["hourly_rate"]["pattern"]
    assert re.fullmatch(pattern, str(MAX_HOURLY_RATE))
    assert not re.fullmatch(pattern, str(MAX_HOURLY_RATE + 1))
    assert not re.fullmatch(pattern, "0")


def test_a_budget_is_documented_from_zero_to_the_most_a_form_takes():
    pattern = COMPONENTS["QuoteRequestRequest"]["properties"]["budget"]["pattern"]
    assert re.fullmatch(pattern, "0")
    assert re.fullmatch(pattern, str(MAX_QUOTE))
    assert not re.fullmatch(pattern, str(MAX_QUOTE + 1))


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


def test_the_api_states_limits_from_their_constants_not_as_literals():
    # The API's docs said "30 days", "14 days", "1 to 10,000" and "5 MB" in so many words.
    literals = re.compile(r"\b(30|14) days|10,000|1,000,000|\b5 MB|at most 30\b|60 characters")
    root = Path(__file__).resolve().parents[2]
    for module in sorted(root.glob("*/api/*.py")):
        if module.parts[-3] == "tests":
            continue
        assert not literals.search(module.read_text()), module


def test_the_schema_states_the_review_windows():
    operations = {
        operation["operationId"]: operation
        for item in SCHEMA["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert f"{REVIEW_WINDOW.days} days" in operations["reviews_create"]["description"]
    assert f"{EDIT_WINDOW.days} days" in operations["reviews_partial_update"]["description"]


def test_skill_names_are_documented_with_the_forms_limits():
    skills = COMPONENTS["ServiceWriteRequest"]["properties"]["skills"]
    assert skills["maxItems"] == MAX_SKILLS
    assert skills["items"]["maxLength"] == MAX_SKILL_NAME_LENGTH


def test_the_web_servers_414_is_documented_for_every_operation():
    for item in SCHEMA["paths"].values():
        for operation in item.values():
            assert "text/html" in operation["responses"]["414"]["content"]


def test_a_new_service_is_documented_as_needing_a_rate_or_a_price():
    # The form's rule was unstated: a schema-valid service without either was refused.
    any_of = COMPONENTS["ServiceWriteRequest"]["anyOf"]
    assert [branch["required"] for branch in any_of] == [["hourly_rate"], ["starting_price"]]


def test_text_filters_are_documented_without_nul_characters():
    # The input guard refuses a NUL anywhere in a query string before any view.
    schema = published_schema()
    for path in ("/api/v1/services/", "/api/v1/jobs/"):
        (text,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "q"]
        pattern = re.compile(text["schema"]["pattern"])
        assert pattern.match("news writing") and not pattern.match("news\x00")
