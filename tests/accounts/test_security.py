"""`require_recent_mfa`, the guard the payments work puts on payout details and requests:
a second factor on the account, used within the re-authentication time."""

import time

import pytest
from django.urls import reverse

from tests.support.mfa import confirm_identity, give_totp, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.recent_mfa_urls")]

URL = "/payouts/details/"


def test_anonymous_visitors_sign_in_first(client):
    response = client.get(URL)
    assert response["Location"].startswith(reverse("account_login"))


def test_an_account_without_a_second_factor_is_sent_to_add_one(client, outsider):
    client.force_login(outsider)
    response = client.get(URL)
    assert response["Location"] == f"{reverse('mfa_index')}?next={URL}"


def test_a_recent_password_is_not_enough(client, outsider):
    give_totp(outsider)
    client.force_login(outsider)
    confirm_identity(client, outsider, method="password")
    response = client.get(URL)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_stolen_session_cookie_cannot_change_payout_details(client, outsider):
    give_totp(outsider)
    client.force_login(outsider)  # a copied cookie: signed in, nothing confirmed
    response = client.post(URL, {"iban": "GB00 ATTACKER"})
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_the_second_factor_lets_the_suspended_change_through(client, outsider):
    secret = give_totp(outsider)
    client.force_login(outsider)
    client.post(URL, {"iban": "PT50 0002"})
    response = client.post(
        f"{reverse('mfa_reauthenticate')}?next={URL}", {"code": totp_code(secret)}
    )
    assert response.status_code == 200
    assert response.content == b"saved PT50 0002"
    assert client.get(URL).content == b"payout details"


def test_an_old_second_factor_is_asked_for_again(client, outsider, settings):
    give_totp(outsider)
    client.force_login(outsider)
    confirm_identity(client, outsider, method="mfa")
    assert client.get(URL).status_code == 200
    session = client.session
    records = session["account_authentication_methods"]
    records[-1]["at"] = time.time() - settings.ACCOUNT_REAUTHENTICATION_TIMEOUT - 1
    session["account_authentication_methods"] = records
    session.save()
    assert client.get(URL)["Location"].startswith(reverse("mfa_reauthenticate"))
