import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from profiles.models import Profile
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long unusual passphrase 42"


def sign_up(client, email="elena.marsh@example.com", role="freelancer", **extra):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "role": role}
    return client.post(reverse("account_signup"), {**data, **extra})


def test_the_sign_up_page_uses_the_site_layout_and_offers_both_roles(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'class="site-header' in page and "<footer" in page
    assert page.count("<h1") == 1
    assert "I want to offer services" in page and "I only want to hire" in page


def test_someone_who_offers_services_gets_a_profile_named_after_their_email(client):
    response = sign_up(client, email="Elena.Marsh@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    user = User.objects.get(email="elena.marsh@example.com")
    assert user.username == "elena-marsh"
    profile = Profile.objects.get(user=user)
    assert (profile.slug, profile.display_name) == ("elena-marsh", "Elena Marsh")


def test_someone_who_only_hires_gets_no_profile(client):
    sign_up(client, email="sam@example.com", role="client")
    user = User.objects.get(email="sam@example.com")
    assert not user.is_freelancer
    assert not Profile.objects.exists()


def test_a_new_account_is_signed_in_at_once_when_verification_is_optional(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    page = client.get(reverse("dashboard:home"))
    assert page.status_code == 200
    assert "Your profile is" in page.content.decode()
    # A confirmation email is still sent, to the console locally.
    assert mail.outbox and mail.outbox[0].to == ["elena.marsh@example.com"]
    assert mail.outbox[0].subject.startswith(f"[{settings.SITE_NAME}] ")


def test_the_role_is_required(client):
    response = sign_up(client, role="")
    assert response.status_code == 200
    assert "Choose whether you offer services or only hire." in response.content.decode()
    assert not User.objects.exists()


def test_a_bad_sign_up_keeps_what_was_typed_and_saves_nothing(client):
    response = sign_up(client, email="new@example.com", password2="something else")
    page = response.content.decode()
    assert "You must type the same password each time." in page
    assert 'value="new@example.com"' in page
    assert not User.objects.exists()


def test_usernames_and_profile_slugs_never_collide(client):
    # An existing profile already uses the slug the new email would make.
    ProfileFactory(user=UserFactory(username="someone-else"), slug="elena-marsh")
    UserFactory(username="elena-marsh-2")
    sign_up(client)
    user = User.objects.get(email="elena.marsh@example.com")
    assert user.username == "elena-marsh-3"
    assert user.profile.slug == "elena-marsh-3"


def test_an_email_that_is_already_used_makes_no_second_account(client):
    UserFactory(email="taken@example.com")
    sign_up(client, email="TAKEN@example.com")
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1


def test_an_email_made_of_symbols_still_gets_a_usable_username(client):
    sign_up(client, email="+++@example.com")
    assert User.objects.get().username == "member"


def test_punctuation_in_the_email_never_reaches_the_slug(client):
    sign_up(client, email="O'Brien+News@example.com")
    user = User.objects.get()
    assert user.username == "obrien-news"
    assert re.fullmatch(r"[a-z0-9-]+", user.profile.slug)


def test_sign_up_needs_the_csrf_token(db):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("account_signup"),
        {"email": "a@example.com", "password1": PASSWORD, "password2": PASSWORD, "role": "client"},
    )
    assert response.status_code == 403
    assert not User.objects.exists()
