"""The demo client has a shortlist and the demo freelancer saved jobs, the same on every load."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import seed
from favourites.models import Favourite

pytestmark = pytest.mark.django_db


def favourites() -> set[tuple]:
    return set(
        Favourite.objects.values_list("user__email", "service__slug", "profile__slug", "job__title")
    )


def test_the_demo_accounts_have_favourites_on_their_page(client):
    call_command("load_demo", verbosity=0)
    kinds = {
        (f.user.email, f.kind.value)
        for f in Favourite.objects.select_related("user", "service", "profile", "job")
    }
    assert kinds == {
        (seed.CLIENT.email, "service"),
        (seed.CLIENT.email, "profile"),
        (seed.FREELANCER.email, "job"),
    }
    assert client.login(email=seed.CLIENT.email, password=seed.CLIENT.password)
    html = client.get(reverse("favourites:list")).content.decode()
    assert "Services" in html and "Freelancers" in html


def test_loading_the_demo_twice_changes_no_favourite():
    call_command("load_demo", verbosity=0)
    first = favourites()
    call_command("load_demo", verbosity=0)
    assert favourites() == first
    assert len(first) == 7
