"""Input that once crashed the site is a 400 with a message, and never logs a traceback."""

import json
import logging

import pytest
from django.urls import reverse

from services.models import Service
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "Null characters are not allowed."


@pytest.fixture(autouse=True)
def _no_tracebacks(caplog):
    """Every test here ends by checking that nothing was logged with a traceback."""
    caplog.set_level(logging.INFO)
    yield
    assert not [record for record in caplog.records if record.exc_info], caplog.text


def post_json(api, url: str, body: str):
    return api.post(url, body, content_type="application/json")


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_nested_100000_deep_is_a_400(as_user, freelancer, opening):
    response = post_json(as_user(freelancer), "/api/v1/services/", opening * 100_000)
    assert response.status_code == 400
    assert "nested" in error_of(response)["detail"]


def test_json_nested_just_beyond_the_limit_is_a_400_and_at_the_limit_reaches_the_view(
    as_user, freelancer
):
    too_deep = json.dumps({"title": "x", "skills": _nested(64)})
    assert post_json(as_user(freelancer), "/api/v1/services/", too_deep).status_code == 400
    at_limit = post_json(as_user(freelancer), "/api/v1/services/", json.dumps(_nested(63)))
    assert at_limit.status_code == 400
    assert error_of(at_limit)["code"] == "invalid"  # the serializer's answer, not the parser's


def _nested(levels: int):
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_a_nul_in_a_service_category_is_a_400_naming_the_field(as_user, freelancer, articles):
    before = Service.objects.count()
    body = {"title": "I will write", "category": "\u0000", "description": "Text"}
    response = as_user(freelancer).post("/api/v1/services/", body, format="json")
    assert response.status_code == 400
    assert error_of(response)["errors"] == {"category": [NUL_MESSAGE]}
    assert Service.objects.count() == before


def test_a_nul_in_the_service_of_a_quote_request_is_a_400_naming_the_field(as_user, hiring_client):
    body = {"service": "\u0000", "message": "Hello"}
    response = as_user(hiring_client).post("/api/v1/engagements/", body, format="json")
    assert response.status_code == 400
    assert error_of(response)["errors"] == {"service": [NUL_MESSAGE]}


def test_a_nul_in_a_nested_value_names_its_path(as_user, freelancer):
    body = {"title": "x", "skills": ["ok", "bad\u0000"]}
    response = as_user(freelancer).post("/api/v1/services/", body, format="json")
    assert error_of(response)["errors"] == {"skills.1": [NUL_MESSAGE]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/services/?search=%00",
        "/api/v1/services/?category=a%00b",
        "/api/v1/skills/?page=%00",
    ],
)
def test_a_nul_in_an_api_query_string_is_a_400_naming_the_parameter(api, service, url):
    response = api.get(url)
    assert response.status_code == 400
    assert list(error_of(response)["errors"]) == [url.split("?")[1].split("=")[0]]


@pytest.mark.parametrize("url", ["/services/?q=%00", "/services/?category=%00", "/?q=a%00"])
def test_a_nul_in_a_page_query_string_is_a_400_page_naming_the_field(client, service, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert NUL_MESSAGE in response.content.decode()


def test_a_nul_in_a_page_form_is_a_400_with_the_field_error(client, freelancer, articles):
    client.force_login(freelancer)
    before = Service.objects.count()
    response = client.post(
        reverse("dashboard:service_create"),
        {"title": "I will write", "category": "\x00", "description": "Text", "currency": "USD"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "category" in page and NUL_MESSAGE in page
    assert Service.objects.count() == before
