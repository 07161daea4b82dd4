"""The cast of the API tests, and clients that sign in the way API consumers do: a token."""

import sys

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from engagements.transitions import refresh_completed_counts
from services.search import refresh_search_vectors
from tests.factories import (
    EngagementFactory,
    LeafCategoryFactory,
    ServiceFactory,
    SkillFactory,
    UserFactory,
    WritingSampleFactory,
)


@pytest.fixture
def news_writing(db):
    return SkillFactory(name="News Writing", slug="news-writing")


@pytest.fixture
def articles(db):
    return LeafCategoryFactory(name="Articles & News", slug="articles-news", parent__name="Writing")


@pytest.fixture
def service(news_writing, articles):
    service = ServiceFactory(
        title="I will write your news",
        slug="i-will-write-your-news",
        category=articles,
        owner__display_name="Elena Marsh",
        owner__slug="elena",
        owner__user__username="elena",
        owner__user__email="elena@example.com",
        skills=[news_writing],
    )
    refresh_search_vectors(service_ids=[service.pk])  # as the dashboard's save does
    return service


@pytest.fixture
def profile(service):
    return service.owner


@pytest.fixture
def freelancer(service):
    return service.owner.user


@pytest.fixture
def sample(profile, service):
    sample = WritingSampleFactory(profile=profile, title="Budget day", slug="budget-day")
    sample.services.set([service])
    return sample


@pytest.fixture
def hiring_client(db):
    return UserFactory(username="sam", first_name="Sam", last_name="Okafor")


@pytest.fixture
def outsider(db):
    return UserFactory(username="olga")


@pytest.fixture
def staff(db):
    return UserFactory(username="stella", is_staff=True, is_superuser=True)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_user(api):
    """The API client signed in with `user`'s token (or anonymous with None)."""

    def sign_in(user):
        api.credentials()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return api

    return sign_in


@pytest.fixture
def cast(freelancer, hiring_client, outsider, staff):
    """Who is who, by the names the access-matrix tests use."""
    return {
        "anonymous": None,
        "owner": freelancer,
        "client": hiring_client,
        "outsider": outsider,
        "staff": staff,
    }


@pytest.fixture
def engagement_in(service, hiring_client):
    """An engagement of the cast's client on the cast's service, already in `state`."""
    stamps = {
        "requested": [],
        "accepted": ["accepted_at"],
        "declined": ["declined_at"],
        "delivered": ["accepted_at", "delivered_at"],
        "completed": ["accepted_at", "delivered_at", "completed_at"],
        "cancelled": ["cancelled_at"],
    }

    def make(state: str, **fields):
        times = dict.fromkeys(stamps[state], timezone.now())
        engagement = EngagementFactory(
            service=service, client=hiring_client, state=state, **{**times, **fields}
        )
        if state == "completed":
            refresh_completed_counts(profile_ids=[engagement.freelancer_id])
        return engagement

    return make


def error_of(response) -> dict:
    """The JSON error body, after checking it has the documented shape."""
    body = response.json()
    assert set(body) <= {"detail", "code", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["code"], str) and body["code"]
    return body


def pytest_terminal_summary(terminalreporter):
    """Say how much the schemathesis run covered: operations and generated cases per run."""
    module = sys.modules.get("tests.api.test_schemathesis")
    if module is None or not module.CASES:
        return
    for run in ("anonymous", "token"):
        counts = {op: n for (r, op), n in module.CASES.items() if r == run}
        statuses = {s: n for (r, s), n in sorted(module.STATUSES.items()) if r == run}
        if counts:
            terminalreporter.write_line(
                f"schemathesis ({run}): {len(counts)} operations, "
                f"{sum(counts.values())} generated cases; responses by status: {statuses}"
            )
