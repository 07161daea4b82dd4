"""A freelancer's address follows their name: set a name, get an address made from it, and
the old address (made from the email at sign-up) leads to the new one."""

import pytest
from django.urls import reverse

from profiles.editing import update_profile
from tests.factories import ProfileFactory, UserFactory, WritingSampleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newbie(db):
    user = UserFactory(username="newbie-writer")
    return ProfileFactory(user=user, slug="newbie-writer", display_name="newbie-writer")


def rename(profile, name: str):
    return update_profile(
        profile=profile,
        display_name=name,
        headline=profile.headline,
        about=profile.about,
        location=profile.location,
        country=profile.country,
        hourly_rate=profile.hourly_rate,
        currency=profile.currency,
        availability=profile.availability,
        engagement_preference=profile.engagement_preference,
        skill_names=[],
    )


def test_setting_a_name_gives_the_profile_an_address_made_from_it(client, newbie):
    rename(newbie, "Nadia Writer")
    assert newbie.get_absolute_url() == "/freelancers/nadia-writer/"
    assert client.get("/freelancers/nadia-writer/").status_code == 200


def test_the_old_address_and_its_pages_lead_to_the_new_one(client, newbie):
    WritingSampleFactory(profile=newbie, slug="budget-day")
    rename(newbie, "Nadia Writer")
    for old, new in [
        ("/freelancers/newbie-writer/", "/freelancers/nadia-writer/"),
        ("/freelancers/newbie-writer/?page=2", "/freelancers/nadia-writer/?page=2"),
        ("/freelancers/newbie-writer/resume/", "/freelancers/nadia-writer/resume/"),
        (
            "/freelancers/newbie-writer/samples/budget-day/",
            "/freelancers/nadia-writer/samples/budget-day/",
        ),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_the_same_name_in_other_spelling_keeps_the_address(newbie):
    rename(newbie, "Nadia Writer")
    rename(newbie, "Nadia  writer")
    assert newbie.slug == "nadia-writer"


def test_a_taken_address_gets_a_number_and_an_unknown_one_is_not_found(client, newbie):
    ProfileFactory(slug="nadia-writer")
    rename(newbie, "Nadia Writer")
    assert newbie.slug == "nadia-writer-2"
    assert client.get("/freelancers/nobody-at-all/").status_code == 404


def test_a_renamed_freelancer_may_take_back_an_old_name(client, newbie):
    rename(newbie, "Nadia Writer")
    rename(newbie, "Newbie Writer")
    assert newbie.get_absolute_url() == "/freelancers/newbie-writer/"
    response = client.get("/freelancers/nadia-writer/")
    assert (response.status_code, response["Location"]) == (301, "/freelancers/newbie-writer/")


def test_the_dashboard_form_renames_the_address(client, newbie):
    client.force_login(newbie.user)
    response = client.get(reverse("dashboard:profile"))
    form = response.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"display_name": "Nadia Writer", "skill_names": "Journalism"})
    client.post(reverse("dashboard:profile"), data)
    newbie.refresh_from_db()
    assert newbie.slug == "nadia-writer"
