"""The database keeps favourites whole: one target each, once per user, whoever races."""

import pytest
from django.db import IntegrityError, transaction

from favourites.models import Favourite
from favourites.saving import save_favourite
from tests.support.threads import run_concurrently

THREADS = 10


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
