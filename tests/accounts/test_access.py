"""Who may use each of the account's security pages: anonymous visitors sign in first; a
signed-in person sees and changes only their own sessions, tokens, exports and account;
staff have no power over another person's here (they use the admin)."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from accounts.exporting import request_data_export
from accounts.models import ApiToken, DataExport
from audit.models import Event
from tests.support.mfa import confirm_identity
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db

PAGES = [
    "accounts:security",
    "accounts:sessions",
    "accounts:tokens",
    "accounts:activity",
    "accounts:data",
    "accounts:delete",
]


def state() -> dict:
    return {
        "tokens": list(ApiToken.objects.order_by("pk").values()),
        "sessions": list(UserSession.objects.order_by("pk").values()),
        "exports": list(DataExport.objects.order_by("pk").values()),
        "events": Event.objects.count(),
    }


@pytest.fixture
def owners_things(freelancer, committed):
    """Elena's token, browser session and ready export."""
    token_key_for(freelancer, name="Elena's script")
    browser = Client(HTTP_USER_AGENT="Firefox/130.0")
    browser.post(
        reverse("account_login"),
        {"login": freelancer.email, "password": "correct horse battery staple"},
    )
    export = committed(request_data_export, user=freelancer, request=None)
    export.refresh_from_db()
    return {
        "token": freelancer.api_tokens.get(),
        "session": UserSession.objects.get(user=freelancer),
        "export": export,
    }


def signed_in(user) -> Client:
    browser = Client()
    if user is not None:
        browser.force_login(user)
        confirm_identity(browser, user)
    return browser


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", PAGES)
def test_each_page_shows_only_the_signed_in_persons_own(cast, owners_things, name):
    for who in ("client", "outsider", "staff"):
        page = signed_in(cast[who]).get(reverse(name))
        assert page.status_code == 200, (who, page.status_code)
        body = page.content.decode()
        assert "Elena's script" not in body and "Firefox 130" not in body, who
        assert reverse("accounts:export-download", args=[owners_things["export"].pk]) not in body
    owner = signed_in(cast["owner"]).get(reverse(name))
    assert owner.status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "client", "outsider", "staff"])
def test_only_the_owner_revokes_ends_or_downloads(cast, owners_things, who):
    browser = signed_in(cast[who])
    before = state()
    token, session, export = (owners_things[k] for k in ("token", "session", "export"))
    answers = [
        browser.post(reverse("accounts:token-revoke", args=[token.pk])).status_code,
        browser.get(reverse("accounts:export-download", args=[export.pk])).status_code,
    ]
    browser.post(reverse("accounts:sessions"), {"session": session.pk})
    assert state() == before
    assert answers == ([302, 302] if who == "anonymous" else [404, 404])


def test_the_owner_revokes_ends_and_downloads(cast, owners_things):
    browser = signed_in(cast["owner"])
    token, session, export = (owners_things[k] for k in ("token", "session", "export"))
    assert browser.get(reverse("accounts:export-download", args=[export.pk])).status_code == 200
    browser.post(reverse("accounts:token-revoke", args=[token.pk]))
    browser.post(reverse("accounts:sessions"), {"session": session.pk})
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert not UserSession.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize(
    "name", ["accounts:token-create", "accounts:export-request", "accounts:delete"]
)
def test_anonymous_posts_change_nothing(client, name):
    before = state()
    response = client.post(reverse(name), {"name": "x", "confirm": "DELETE"})
    assert response.status_code == 302
    assert state() == before


@pytest.mark.parametrize("name", ["accounts:token-create", "accounts:token-revoke"])
def test_token_changes_are_posts(cast, owners_things, name):
    args = [owners_things["token"].pk] if name == "accounts:token-revoke" else []
    assert signed_in(cast["owner"]).get(reverse(name, args=args)).status_code == 405
