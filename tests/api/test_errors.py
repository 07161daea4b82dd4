"""Errors are JSON with one shape, never HTML, and bad input is never a server error."""

import ast
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.test import RequestFactory
from rest_framework.test import APIClient

from engagements.exceptions import ActionRefused
from marketplace.api import errors
from reviews.exceptions import ReviewRefused
from services.api.views import ServiceListView
from services.deletion import ServiceHasHistory
from tests.support.api import error_of

pytestmark = pytest.mark.django_db


def test_an_unknown_api_address_is_a_json_404(api):
    response = api.get("/api/v1/no/such/thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "not_found"


def test_an_unknown_site_address_is_still_the_html_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_wrong_method_is_a_json_405(as_user, freelancer, service):
    response = as_user(freelancer).put(f"/api/v1/services/{service.slug}/", {})
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_a_server_error_on_an_api_address_is_json(monkeypatch, db):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ServiceListView, "list", broken)
    response = APIClient(raise_request_exception=False).get("/api/v1/services/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "server_error"


@pytest.mark.parametrize(
    ("handler", "status"),
    [
        (lambda r: errors.bad_request(r, Exception()), 400),
        (lambda r: errors.permission_denied(r, Exception()), 403),
        (lambda r: errors.page_not_found(r, Exception()), 404),
        (errors.server_error, 500),
    ],
)
def test_djangos_error_pages_answer_json_under_api_and_html_elsewhere(handler, status):
    api_response = handler(RequestFactory().get("/api/v1/anything/"))
    assert api_response.status_code == status
    assert api_response["Content-Type"] == "application/json"
    page = handler(RequestFactory().get("/anything/"))
    assert page.status_code == status
    assert page["Content-Type"].startswith("text/html")


def test_a_disallowed_host_on_an_api_address_is_json(api, settings):
    settings.ALLOWED_HOSTS = ["example.org"]
    response = APIClient(raise_request_exception=False).get(
        "/api/v1/skills/", HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "query",
    [
        {"q": "news\x00writing"},
        {"q": "x" * 300},
        {"category": "\x00"},
        {"category": "c" * 300},
        {"skill": ["news-writing", "\x00"]},
        {"min_rate": "\x00"},
        {"min_rate": "9" * 400},
        {"max_price": "-1"},
        {"min_rating": "NaN"},
        {"sort": "\x00"},
        {"engagement": "x" * 1_000},
    ],
)
def test_bad_filter_values_are_400s_with_the_parameters_named(api, service, query):
    response = api.get("/api/v1/services/", query)
    assert response.status_code == 400
    body = error_of(response)
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {next(iter(query))}


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "9" * 100])
def test_a_page_that_does_not_exist_is_a_json_404(api, service, page):
    response = api.get("/api/v1/services/", {"page": page})
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize("size", ["0", "101", "-5", "abc", "9" * 100])
def test_a_page_size_out_of_bounds_is_a_400(api, service, size):
    response = api.get("/api/v1/skills/", {"page_size": size})
    assert response.status_code == 400
    assert error_of(response)["errors"] == {"page_size": ["Enter a whole number from 1 to 100."]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services/%00/",
        "/api/v1/services/" + "s" * 5_000 + "/",
        "/api/v1/profiles/%00/samples/",
        "/api/v1/profiles/" + "p" * 5_000 + "/",
        "/api/v1/engagements/99999999999999999999999/",
        "/api/v1/reviews/9223372036854775808/",
        "/api/v1/reviews/%00/",
    ],
)
def test_bad_path_parameters_are_json_404s(as_user, hiring_client, path):
    response = as_user(hiring_client).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_nul_bytes_in_a_body_are_a_400(as_user, freelancer, service):
    response = as_user(freelancer).patch(
        f"/api/v1/services/{service.slug}/", {"title": "News\x00"}, format="json"
    )
    assert response.status_code == 400
    assert "title" in error_of(response)["errors"]


def test_a_body_that_is_not_json_is_a_400(as_user, freelancer):
    response = as_user(freelancer).generic(
        "PATCH", "/api/v1/me/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_a_body_in_an_unsupported_format_is_a_415(as_user, freelancer):
    response = as_user(freelancer).generic(
        "PATCH", "/api/v1/me/", "headline=x", content_type="text/plain"
    )
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_a_duplicate_refused_by_a_unique_constraint_is_a_409(
    as_user, freelancer, sample, monkeypatch
):
    # Two requests saving the same title at once can both pick the same free slug; the
    # database refuses the second. Replay that by making the slug picker miss the first.
    monkeypatch.setattr("profiles.editing.unique_slug", lambda *args, **kwargs: sample.slug)
    response = as_user(freelancer).post(
        "/api/v1/profiles/elena/samples/", {"title": "Budget day", "body": "Again."}
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "conflict"


def test_any_integrity_error_that_reaches_the_handler_is_a_409():
    response = errors.exception_handler(IntegrityError("duplicate key"), {})
    assert response.status_code == 409
    assert response.data["code"] == "conflict"


def test_nested_field_errors_are_named_by_their_path():
    flat = errors._flatten({"skills": {0: ["Too long."]}, "non_field_errors": ["No."]})
    assert flat == {"skills.0": ["Too long."], "non_field_errors": ["No."]}


@pytest.mark.parametrize(
    "amount", ["9" * 400, "1e400", "NaN", "Infinity", 1e308, "0." + "0" * 40 + "1", "1.005"]
)
def test_any_number_in_a_money_field_is_judged_not_a_server_error(
    as_user, freelancer, service, amount
):
    api = as_user(freelancer)
    for url in ("/api/v1/me/", f"/api/v1/services/{service.slug}/"):
        response = api.patch(url, {"hourly_rate": amount})
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == ["hourly_rate"]


@pytest.mark.parametrize(
    "body",
    [
        {"engagement": "\x00", "rating": 5},
        {"engagement": 1, "rating": 10**400},
        {"engagement": 1, "rating": "9" * 2_000},
    ],
)
def test_huge_or_mistyped_ids_and_numbers_in_a_body_are_400s(as_user, hiring_client, body):
    response = as_user(hiring_client).post(
        "/api/v1/reviews/", {"text": "Long enough to be a review.", **body}
    )
    assert response.status_code == 400
    error_of(response)


@pytest.mark.parametrize("method", ["trace", "put"])
def test_a_method_no_endpoint_answers_is_a_405_before_any_sign_in_check(api, method):
    # Was 401: DRF asked for a sign-in first, as if signing in would make TRACE work.
    response = getattr(api, method)("/api/v1/auth/token/")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert set(response["Allow"].split(", ")) == {"DELETE", "OPTIONS", "POST"}


def test_an_unknown_api_address_is_json_with_debug_on_too(api, settings):
    # With DEBUG on, Django answered its technical 404 page, in HTML.
    settings.DEBUG = True
    response = api.get("/api/v1/no/such/thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "not_found"


def test_a_server_error_on_an_api_address_is_json_with_debug_on_too(monkeypatch, settings, db):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    settings.DEBUG = True
    monkeypatch.setattr(ServiceListView, "list", broken)
    response = APIClient(raise_request_exception=False).get("/api/v1/services/")
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"


def test_the_api_error_handler_knows_no_app():
    # It imported four apps' exceptions and kept their code-to-status tables.
    source = Path(errors.__file__).read_text()
    imported = {
        node.module.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & {"accounts", "engagements", "profiles", "reviews", "services"}


@pytest.mark.parametrize(
    ("refusal", "status"),
    [
        (ActionRefused("Not now.", code="wrong_state"), 409),
        (ActionRefused("Not yours.", code="not_participant"), 403),
        (ActionRefused("No.", code="something_new"), 400),
        (ReviewRefused("Sign in.", code="anonymous"), 401),
        (ServiceHasHistory(["reviews"]), 409),
    ],
)
def test_an_apps_refusal_carries_the_status_pages_and_api_answer(refusal, status):
    assert refusal.status_code == status
    response = errors.exception_handler(refusal, {})
    assert response.status_code == status
    assert response.data == {"detail": refusal.message, "code": refusal.code}


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/reviews/", {"engagement": 10**30, "rating": 5, "text": "Long enough to post."}),
        ("/api/v1/reviews/", {"engagement": 123456, "rating": 5, "text": "Long enough to post."}),
        ("/api/v1/engagements/", {"service": "no-such-service", "what": "A long enough brief."}),
    ],
)
def test_a_body_naming_nothing_that_exists_is_a_404_with_the_field(
    as_user, hiring_client, url, body
):
    # Was a 400, as if the input were malformed; it is well formed and names nothing.
    response = as_user(hiring_client).post(url, body)
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "not_found"
    assert list(error["errors"]) == [next(iter(body))]


def test_a_service_in_a_category_that_does_not_exist_is_a_404(as_user, freelancer, articles):
    body = {"title": "Long reads", "category": "no-such-category", "description": "Edits."}
    response = as_user(freelancer).post("/api/v1/services/", {**body, "hourly_rate": "20"})
    assert response.status_code == 404
    assert list(error_of(response)["errors"]) == ["category"]


@pytest.mark.parametrize(
    ("category", "status"), [("\x00\x14", 400), ("news writing", 400), ("x" * 500, 404)]
)
def test_a_category_not_shaped_like_a_slug_is_a_400_before_any_query(
    as_user, freelancer, articles, category, status
):
    # "\x00" reached PostgreSQL, which refuses NUL bytes: a server error.
    body = {"title": "Long reads", "category": category, "description": "Edits."}
    response = as_user(freelancer).post("/api/v1/services/", {**body, "hourly_rate": "20"})
    assert response.status_code == status
    assert list(error_of(response)["errors"]) == ["category"]
