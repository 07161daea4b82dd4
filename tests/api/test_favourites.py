"""The favourites API: your own list only; saving is idempotent; retries with a key replay."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from favourites.models import Favourite
from jobs.posting import close_job
from services.publishing import pause_service
from tests.factories import JobPostFactory, ProfileFactory, ServiceFactory
from tests.support.api import error_of
from tests.support.schema import published_schema

pytestmark = pytest.mark.django_db

FAVOURITES = "/api/v1/favourites/"


@pytest.fixture
def favourite(hiring_client, service):
    """Sam saved Elena's service."""
    return Favourite.objects.create(user=hiring_client, service=service)


@pytest.fixture
def people(hiring_client, outsider, staff):
    return {"anonymous": None, "outsider": outsider, "owner": hiring_client, "staff": staff}


def rows() -> set:
    return set(Favourite.objects.values_list("user_id", "service_id", "profile_id", "job_id"))


# Saving


def test_saving_a_service_answers_201_then_200_with_the_same_favourite(
    as_user, hiring_client, service
):
    api = as_user(hiring_client)
    first = api.post(FAVOURITES, {"service": service.slug}, format="json")
    assert first.status_code == 201
    body = first.json()
    assert first["Location"] == body["url"]
    assert (body["kind"], body["service"], body["profile"], body["job"]) == (
        "service",
        service.slug,
        None,
        None,
    )
    assert body["title"] == service.title
    assert body["is_available"] is True
    assert body["page_url"].endswith(service.get_absolute_url())
    again = api.post(FAVOURITES, {"service": service.slug}, format="json")
    assert again.status_code == 200
    assert again.json() == body
    assert Favourite.objects.count() == 1


def test_a_freelancer_saves_a_profile_and_a_job(as_user, freelancer, profile, job):
    api = as_user(freelancer)
    assert api.post(FAVOURITES, {"profile": profile.slug}, format="json").status_code == 201
    saved = api.post(FAVOURITES, {"job": job.pk}, format="json")
    assert saved.status_code == 201
    assert saved.json()["job"] == job.pk
    assert [f["kind"] for f in api.get(FAVOURITES).json()["results"]] == ["job", "profile"]


def test_a_client_may_not_save_a_job(as_user, hiring_client, job):
    response = as_user(hiring_client).post(FAVOURITES, {"job": job.pk}, format="json")
    assert response.status_code == 403
    assert error_of(response)["code"] == "not_freelancer"
    assert rows() == set()


@pytest.mark.parametrize(
    "body",
    [
        {"service": "no-such-service"},
        {"profile": "nobody"},
        {"job": 999999},
    ],
)
def test_a_target_that_does_not_exist_is_a_404(as_user, freelancer, body):
    response = as_user(freelancer).post(FAVOURITES, body, format="json")
    assert response.status_code == 404
    error_of(response)


def test_a_draft_service_and_an_invite_only_job_are_404s(as_user, freelancer, service, job):
    ServiceFactory(slug="a-draft", status="draft")
    hidden = JobPostFactory(client=job.client, category=job.category, visibility="invite_only")
    api = as_user(freelancer)
    assert api.post(FAVOURITES, {"service": "a-draft"}, format="json").status_code == 404
    assert api.post(FAVOURITES, {"job": hidden.pk}, format="json").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "non_field_errors"),
        ({"service": "i-will-write-your-news", "profile": "elena"}, "non_field_errors"),
        ({"service": "not a slug"}, "service"),
        ({"service": 12}, "service"),
        ({"job": 0}, "job"),
        ({"job": "x"}, "job"),
    ],
)
def test_bad_input_is_a_400_with_the_field(as_user, freelancer, service, body, field):
    response = as_user(freelancer).post(FAVOURITES, body, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["errors"]
    assert rows() == set()


def test_a_retry_with_the_same_idempotency_key_replays_the_first_answer(
    as_user, hiring_client, service
):
    api = as_user(hiring_client)
    body = {"service": service.slug}
    first = api.post(FAVOURITES, body, format="json", HTTP_IDEMPOTENCY_KEY="fav-1")
    again = api.post(FAVOURITES, body, format="json", HTTP_IDEMPOTENCY_KEY="fav-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    other = api.post(FAVOURITES, {"profile": "elena"}, format="json", HTTP_IDEMPOTENCY_KEY="fav-1")
    assert other.status_code == 409
    assert Favourite.objects.count() == 1


def test_a_session_post_needs_the_csrf_token(hiring_client, service):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(hiring_client)
    response = api.post(FAVOURITES, {"service": service.slug}, format="json")
    assert response.status_code == 403
    assert rows() == set()


# The access matrix


def test_anonymous_clients_get_401_everywhere(as_user, favourite):
    api = as_user(None)
    detail = f"{FAVOURITES}{favourite.pk}/"
    before = rows()
    assert api.get(FAVOURITES).status_code == 401
    assert (
        api.post(FAVOURITES, {"service": "i-will-write-your-news"}, format="json").status_code
        == 401
    )
    assert api.get(detail).status_code == 401
    assert api.delete(detail).status_code == 401
    assert rows() == before


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_others_neither_see_nor_remove_a_favourite_staff_included(as_user, people, favourite, who):
    api = as_user(people[who])
    detail = f"{FAVOURITES}{favourite.pk}/"
    before = rows()
    assert api.get(FAVOURITES).json()["results"] == []
    assert api.get(detail).status_code == 404
    assert api.delete(detail).status_code == 404
    assert rows() == before


def test_the_owner_reads_and_removes_their_favourite(as_user, people, favourite):
    api = as_user(people["owner"])
    detail = f"{FAVOURITES}{favourite.pk}/"
    assert [f["id"] for f in api.get(FAVOURITES).json()["results"]] == [favourite.pk]
    assert api.get(detail).json()["title"] == "I will write your news"
    assert api.delete(detail).status_code == 204
    assert api.delete(detail).status_code == 404
    assert rows() == set()


def test_gone_targets_are_marked_unavailable(as_user, freelancer, service, job):
    Favourite.objects.create(user=freelancer, service=service)
    Favourite.objects.create(user=freelancer, job=job)
    pause_service(service=service)
    close_job(job=job, by=job.client)
    results = as_user(freelancer).get(FAVOURITES).json()["results"]
    assert [(f["kind"], f["is_available"], f["page_url"]) for f in results] == [
        ("job", False, None),
        ("service", False, None),
    ]


def test_the_list_runs_the_same_queries_for_one_favourite_and_for_fifty(
    as_user, freelancer, service, job
):
    api = as_user(freelancer)
    Favourite.objects.create(user=freelancer, service=service)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{FAVOURITES}?page_size=50")
        return len(queries), len(response.json()["results"])

    one, shown_one = count()
    for _ in range(16):
        Favourite.objects.create(user=freelancer, profile=ProfileFactory())
        Favourite.objects.create(user=freelancer, job=JobPostFactory(client=job.client))
        Favourite.objects.create(user=freelancer, service=ServiceFactory())
    many, shown_many = count()
    assert (shown_one, shown_many) == (1, 49)
    assert many == one <= 4


# The schema


def test_the_schema_states_the_rules_of_saving():
    schema = published_schema()
    create = schema["paths"]["/api/v1/favourites/"]["post"]
    assert {"200", "201", "400", "401", "403", "404", "409"} <= set(create["responses"])
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}
    request = schema["components"]["schemas"]["FavouriteCreateRequest"]
    assert request["oneOf"] == [
        {"required": ["service"]},
        {"required": ["profile"]},
        {"required": ["job"]},
    ]
    destroy = schema["paths"]["/api/v1/favourites/{id}/"]["delete"]
    assert {"204", "401", "403", "404"} <= set(destroy["responses"])
    assert "staff too" in destroy["description"]


def test_every_null_a_favourite_carries_is_declared_nullable(as_user, freelancer, service, job):
    api = as_user(freelancer)
    other = ServiceFactory()
    api.post("/api/v1/favourites/", {"service": other.slug}, format="json")
    api.post("/api/v1/favourites/", {"job": job.pk}, format="json")
    pause_service(service=other)  # its page_url becomes null
    properties = published_schema()["components"]["schemas"]["Favourite"]["properties"]
    nulls = {
        name
        for item in api.get("/api/v1/favourites/").json()["results"]
        for name, value in item.items()
        if value is None
    }
    assert nulls == {"service", "profile", "job", "page_url"}
    assert all(properties[name].get("nullable") for name in nulls), properties
