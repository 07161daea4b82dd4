"""Who can use each favourites URL: anonymous visitors, outsiders, the list's owner, staff.

A favourites list is its owner's alone: others (staff included) neither see nor change it.
"""

import pytest
from django.urls import reverse

from favourites.models import Favourite

pytestmark = pytest.mark.django_db


@pytest.fixture
def favourite(hiring_client, service):
    """Sam saved Elena's service."""
    return Favourite.objects.create(user=hiring_client, service=service)


@pytest.fixture
def people(hiring_client, outsider, staff):
    return {"anonymous": None, "outsider": outsider, "owner": hiring_client, "staff": staff}


def rows() -> set:
    return set(Favourite.objects.values_list("user_id", "service_id", "profile_id", "job_id"))


def test_anonymous_visitors_are_sent_to_sign_in_from_the_list(client, favourite):
    response = client.get(reverse("favourites:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["outsider", "owner", "staff"])
def test_the_list_shows_only_the_signed_in_users_own_favourites(as_user, people, favourite, who):
    html = as_user(people[who]).get(reverse("favourites:list")).content.decode()
    assert ("I will write your news" in html) is (who == "owner")


def test_an_anonymous_save_changes_nothing_and_asks_to_sign_in_returning_to_the_page(
    client, service
):
    back = f"/services/#service-{service.pk}"
    before = rows()
    response = client.post(
        reverse("favourites:toggle", kwargs={"kind": "service", "pk": service.pk}),
        {"save": "1", "next": back},
    )
    assert response.status_code == 302
    sign_in = reverse("account_login")
    assert response["Location"] == f"{sign_in}?next=/services/%23service-{service.pk}"
    assert rows() == before


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_others_removing_a_target_remove_only_their_own_favourite(
    as_user, people, favourite, service, who
):
    before = rows()
    as_user(people[who]).post(
        reverse("favourites:toggle", kwargs={"kind": "service", "pk": service.pk}), {"save": "0"}
    )
    assert rows() == before


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_others_saving_a_target_add_to_their_own_list_only(
    as_user, people, favourite, service, who
):
    as_user(people[who]).post(
        reverse("favourites:toggle", kwargs={"kind": "service", "pk": service.pk}), {"save": "1"}
    )
    assert rows() == {
        (people["owner"].pk, service.pk, None, None),
        (people[who].pk, service.pk, None, None),
    }


def test_the_owner_removes_their_favourite(as_user, people, favourite, service):
    as_user(people["owner"]).post(
        reverse("favourites:toggle", kwargs={"kind": "service", "pk": service.pk}), {"save": "0"}
    )
    assert rows() == set()


def test_the_toggle_needs_a_csrf_token(hiring_client, service):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hiring_client)
    response = client.post(
        reverse("favourites:toggle", kwargs={"kind": "service", "pk": service.pk}), {"save": "1"}
    )
    assert response.status_code == 403
    assert rows() == set()
