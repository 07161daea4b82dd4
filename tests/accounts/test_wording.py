"""Small things a visitor notices: one password-reset link, the site's name in emails."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_offers_the_password_reset_once(client):
    html = client.get("/accounts/login/").content.decode()
    assert html.count("Forgot your password?") == 1


def test_account_emails_greet_with_the_sites_name_not_its_host(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_NAME = "Freelance Commons"
    settings.SITE_URL = "https://market.example.org"
    UserFactory(email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    (email,) = mailoutbox
    assert "Hello from Freelance Commons!" in email.body
    assert "Hello from testserver" not in email.body
    assert "market.example.org" in email.body


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.ico")


def test_the_header_names_the_signed_in_person_not_their_username(client):
    user = UserFactory(username="user-7f3a", first_name="Ada", last_name="Byrne")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert '<span class="account-nav__name">Ada Byrne</span>' in html
    assert "user-7f3a" not in html


def test_signing_in_greets_by_name_not_username(client):
    UserFactory(username="user-7f3a", email="ada@example.org", first_name="Ada", last_name="Byrne")
    response = client.post(
        "/accounts/login/",
        {"login": "ada@example.org", "password": "correct horse battery staple"},
        follow=True,
    )
    html = response.content.decode()
    assert "Successfully signed in as Ada Byrne." in html
    assert "user-7f3a" not in html
