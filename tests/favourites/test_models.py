"""The database keeps favourites whole: one target each, once per user, whoever races."""

from collections import Counter

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from favourites.models import Favourite
from favourites.saving import save_favourite
from tests.support.threads import run_concurrently

THREADS = 10
ROUNDS = 10


@pytest.mark.django_db
@pytest.mark.parametrize("targets", [set(), {"service", "profile"}, {"service", "profile", "job"}])
def test_a_favourite_names_exactly_one_target(hiring_client, service, job, targets):
    objects = {"service": service, "profile": service.owner, "job": job}
    with pytest.raises(IntegrityError), transaction.atomic():
        Favourite.objects.create(user=hiring_client, **{kind: objects[kind] for kind in targets})


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["service", "profile", "job"])
def test_a_user_saves_a_target_once(freelancer, service, job, kind):
    target = {"service": service, "profile": service.owner, "job": job}[kind]
    Favourite.objects.create(user=freelancer, **{kind: target})
    with pytest.raises(IntegrityError), transaction.atomic():
        Favourite.objects.create(user=freelancer, **{kind: target})


@pytest.mark.django_db
def test_two_users_may_save_the_same_target(hiring_client, outsider, service):
    Favourite.objects.create(user=hiring_client, service=service)
    Favourite.objects.create(user=outsider, service=service)
    assert Favourite.objects.filter(service=service).count() == 2


@pytest.mark.postgres
@pytest.mark.usefixtures("transactional_db")
def test_concurrent_saves_of_one_target_keep_one_row_and_all_succeed(hiring_client, service):
    results = run_concurrently(
        THREADS, lambda i: save_favourite(user=hiring_client, target=service)
    )
    assert all(isinstance(result, tuple) for result in results), results
    assert sum(created for _, created in results) == 1
    assert len({favourite.pk for favourite, _ in results}) == 1
    assert Favourite.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.usefixtures("transactional_db")
def test_saves_and_removals_of_one_target_at_the_same_moment_never_fail(hiring_client, service):
    """A double click that saves and removes at once, through the page and the API: the
    favourite ends saved or not, and no request answers 500 (it once read a row the
    removal had just deleted)."""
    toggle = reverse("favourites:toggle", kwargs={"kind": "service", "pk": service.pk})

    def click(index: int) -> int:
        if index % 4 == 0:
            page = Client(raise_request_exception=False)
            page.force_login(hiring_client)
            return page.post(toggle, {"save": "1"}).status_code
        api = APIClient(raise_request_exception=False)
        api.force_authenticate(hiring_client)
        if index % 2:
            return api.post("/api/v1/favourites/", {"service": service.slug}).status_code
        (favourite,) = Favourite.objects.filter(user=hiring_client)[:1] or [None]
        if favourite is None:
            return 204
        return api.delete(f"/api/v1/favourites/{favourite.pk}/").status_code

    statuses = Counter()
    for _ in range(ROUNDS):
        statuses.update(run_concurrently(20, click))
    assert set(statuses) <= {200, 201, 204, 303, 404}, statuses
    assert Favourite.objects.count() <= 1
