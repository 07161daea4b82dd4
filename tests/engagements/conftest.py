"""The cast: a freelancer with a published service, a client, an outsider and staff."""

import pytest
from django.utils import timezone

from engagements.transitions import refresh_completed_counts
from tests.factories import EngagementFactory, ServiceFactory, UserFactory


@pytest.fixture
def service(db):
    return ServiceFactory(owner__display_name="Elena Marsh", owner__user__username="elena")


@pytest.fixture
def freelancer(service):
    return service.owner.user


@pytest.fixture
def hiring_client(db):
    return UserFactory(username="sam", first_name="Sam", last_name="Okafor")


@pytest.fixture
def outsider(db):
    return UserFactory(username="olga")


@pytest.fixture
def staff(db):
    return UserFactory(username="stella", is_staff=True)


@pytest.fixture
def engagement(service, hiring_client):
    return EngagementFactory(service=service, client=hiring_client)


@pytest.fixture
def as_user(client):
    """Sign the test client in as someone (or stay anonymous with None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


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
        now = timezone.now()
        times = dict.fromkeys(stamps[state], now)
        engagement = EngagementFactory(
            service=service, client=hiring_client, state=state, **{**times, **fields}
        )
        if state == "completed":  # as the workflow would have counted it
            refresh_completed_counts(profile_ids=[engagement.freelancer_id])
        return engagement

    return make
