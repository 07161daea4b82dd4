"""Input that once crashed the site is a 400 with a message, and never logs a traceback."""

import json
import logging

import pytest
from django.urls import reverse

from saved_searches.models import SavedSearch
from services.models import RequirementQuestion, Service
from tests.api.conftest import error_of
from tests.factories import ProfileFactory, ReviewFactory
from tests.support.mfa import give_totp, recovery_codes_of
from tests.support.schema import published_schema

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


SURROGATE = "\ud800"
SURROGATE_MESSAGE = "Surrogate characters are not allowed: U+D800."
# Every operation whose JSON body has a choice: who sends it, how, where under /api/v1/.
CHOICES = {
    "saved_searches_create": ("hiring_client", "post", "saved-searches/"),
    "saved_searches_partial_update": ("hiring_client", "patch", "saved-searches/{search.pk}/"),
    "services_create": ("freelancer", "post", "services/"),
    "services_partial_update": ("freelancer", "patch", "services/{service.slug}/"),
    "me_partial_update": ("freelancer", "patch", "me/"),
    "me_languages_create": ("freelancer", "post", "me/languages/"),
    "me_language_pairs_create": ("freelancer", "post", "me/language-pairs/"),
    "jobs_create": ("hiring_client", "post", "jobs/"),
    "jobs_partial_update": ("hiring_client", "patch", "jobs/{job.pk}/"),
    "jobs_proposals_create": ("other_freelancer", "post", "jobs/{job.pk}/proposals/"),
    "jobs_proposals_partial_update": ("freelancer", "patch", "jobs/proposals/{proposal.pk}/"),
    "engagements_accept": ("freelancer", "post", "engagements/{engagement.pk}/accept/"),
    "reviews_create": ("hiring_client", "post", "reviews/"),
    "reviews_partial_update": ("hiring_client", "patch", "reviews/{review.pk}/"),
    "profiles_samples_create": ("freelancer", "post", "profiles/{profile.slug}/samples/"),
    "profiles_samples_partial_update": (
        "freelancer", "patch", "profiles/{profile.slug}/samples/{sample.slug}/",
    ),
    "services_orders_create": ("hiring_client", "post", "services/{service.slug}/orders/"),
    "services_questions_create": ("freelancer", "post", "services/{service.slug}/questions/"),
    "services_questions_partial_update": (
        "freelancer", "patch", "services/{service.slug}/questions/{question.pk}/",
    ),
    "hourly_terms_propose": ("freelancer", "post", "hourly/engagements/{engagement.pk}/terms/"),
    # Money out: a second factor's code first (accounts.api.permissions).
    "me_payouts_create": ("freelancer", "post", "me/payouts/", "second factor"),
}  # fmt: skip


def choice_fields_by_operation() -> dict[str, list[str]]:
    """From the published schema: each operation's request-body fields that have an enum."""
    schema = published_schema()
    components = schema["components"]["schemas"]

    def resolve(node: dict) -> dict:
        if "$ref" in node:
            return resolve(components[node["$ref"].rsplit("/", 1)[1]])
        for key in ("allOf", "oneOf", "anyOf"):
            if key in node and "properties" not in node:
                return resolve(node[key][0])
        return node

    found = {}
    for item in schema["paths"].values():
        for operation in item.values():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if not body:
                continue
            properties = resolve(body["schema"]).get("properties", {})
            fields = [name for name, node in properties.items() if "enum" in resolve(node)]
            if fields:
                found[operation["operationId"]] = fields
    return found


CHOICE_FIELDS = choice_fields_by_operation()


@pytest.fixture
def objects(service, sample, job, proposal, engagement, hiring_client):
    """What the operations' addresses name, each its sender's own."""
    return {
        "service": service,
        "sample": sample,
        "job": job,
        "proposal": proposal,
        "engagement": engagement,
        "profile": service.owner,
        "search": SavedSearch.objects.create(user=hiring_client, kind="services", name="n"),
        "review": ReviewFactory(service=service, author=hiring_client),
        "question": RequirementQuestion.objects.create(service=service, text="Which tone?"),
    }


@pytest.fixture
def other_freelancer(db):
    return ProfileFactory().user


def test_every_operation_with_a_choice_in_its_body_is_tried_with_a_lone_surrogate():
    assert set(CHOICE_FIELDS) <= set(CHOICES)


@pytest.mark.parametrize(
    ("operation", "field"),
    [(operation, field) for operation, fields in CHOICE_FIELDS.items() for field in fields],
)
def test_a_lone_surrogate_in_a_choice_is_a_400_naming_the_field(
    request, as_user, objects, operation, field
):
    who, method, url, *needs = CHOICES[operation]
    url = "/api/v1/" + url.format(**objects)
    body = json.dumps({field: SURROGATE})
    user = request.getfixturevalue(who)
    headers = {}
    if needs:
        give_totp(user)
        headers["HTTP_X_SECOND_FACTOR_CODE"] = recovery_codes_of(user)[0]
    api = as_user(user)
    response = getattr(api, method)(url, body, content_type="application/json", **headers)
    assert response.status_code == 400, response.content
    assert error_of(response)["errors"] == {field: [SURROGATE_MESSAGE]}


def test_a_lone_surrogate_in_a_property_name_is_a_400_with_the_name_escaped(as_user, freelancer):
    body = json.dumps({"title": "I will write", f"x{SURROGATE}": "y"})
    response = post_json(as_user(freelancer), "/api/v1/services/", body)
    assert response.status_code == 400
    assert error_of(response)["errors"] == {"x\\ud800": [SURROGATE_MESSAGE]}
