"""API tokens on the account's page: named, shown once, listed with their last use, revoked;
making one asks the password again when the sign-in is not recent."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import MAX_TOKENS_PER_USER
from audit.models import Action, Event
from tests.factories import UserFactory
from tests.support.mfa import confirm_identity
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory(username="mia", email="mia@example.com")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    confirm_identity(client, member)
    return client


def test_making_a_token_shows_its_key_once(signed_in, member):
    response = signed_in.post(reverse("accounts:token-create"), {"name": "Invoicing script"})
    assert response.status_code == 201
    key = response.context["new_key"]
    assert f'value="{key}"' in response.content.decode()
    token = ApiToken.objects.get(user=member)
    assert token.name == "Invoicing script" and key.startswith(token.prefix)
    assert key not in signed_in.get(reverse("accounts:tokens")).content.decode()
    assert Event.objects.filter(subject=member, action_name=Action.TOKEN_CREATED).exists()


def test_the_list_shows_when_each_token_was_last_used(signed_in, member, committed):
    key = token_key_for(member, name="Reports")
    assert "Never" in signed_in.get(reverse("accounts:tokens")).content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    # The stamp is written by a task once the request is over.
    assert committed(api.get, "/api/v1/engagements/").status_code == 200
    page = signed_in.get(reverse("accounts:tokens")).content.decode()
    assert "Reports" in page and "Never" not in page


def test_a_token_needs_a_name(signed_in):
    response = signed_in.post(reverse("accounts:token-create"), {"name": "  "})
    assert response.status_code == 400
    assert "Name the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_there_is_a_limit_to_tokens(signed_in, member):
    for n in range(MAX_TOKENS_PER_USER):
        token_key_for(member, name=f"t{n}")
    response = signed_in.post(reverse("accounts:token-create"), {"name": "one more"})
    assert response.status_code == 409
    assert "revoke one you no longer use" in response.content.decode()
    assert member.api_tokens.count() == MAX_TOKENS_PER_USER


def test_a_session_without_a_recent_sign_in_confirms_the_password_first(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:token-create"), {"name": "Stolen cookie"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ApiToken.objects.exists()
    # After the password, the suspended request goes through.
    resumed = client.post(
        f"{reverse('account_reauthenticate')}?next={reverse('accounts:token-create')}",
        {"password": "correct horse battery staple"},
    )
    assert resumed.status_code == 201
    assert ApiToken.objects.get(user=member).name == "Stolen cookie"


def test_revoking_a_token_stops_it_signing_in(signed_in, member):
    key = token_key_for(member)
    token = member.api_tokens.get()
    response = signed_in.post(reverse("accounts:token-revoke", args=[token.pk]))
    assert response["Location"] == reverse("accounts:tokens")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/engagements/").status_code == 401
    assert Event.objects.filter(subject=member, action_name=Action.TOKEN_REVOKED).exists()


def test_nobody_revokes_another_persons_token(signed_in):
    other = UserFactory()
    token_key_for(other)
    response = signed_in.post(reverse("accounts:token-revoke", args=[other.api_tokens.get().pk]))
    assert response.status_code == 404
    assert other.api_tokens.exists()
