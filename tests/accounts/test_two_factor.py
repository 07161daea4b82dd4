"""Two-factor sign-in end to end: real TOTP codes computed here, recovery codes, the limits
on guessing, and what a stolen session cookie cannot do."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import Action, Event
from tests.factories import UserFactory
from tests.support.mfa import confirm_identity, give_totp, recovery_codes_of, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member():
    return UserFactory(username="mia", email="mia@example.com", first_name="Mia")


@pytest.fixture
def secret(member):
    return give_totp(member)


def sign_in_with_password(client, email="mia@example.com", password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def enter_code(client, code, **extra):
    return client.post(reverse("mfa_authenticate"), {"code": code}, **extra)


def actions_of(user):
    return list(Event.objects.filter(subject=user).values_list("action_name", flat=True))


class TestSettingUpAnAuthenticatorApp:
    def test_a_member_turns_it_on_with_a_code_from_the_app_and_gets_recovery_codes(
        self, client, member, committed
    ):
        sign_in_with_password(client)
        # Adding a second factor asks for the password again, even right after signing in.
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 302
        assert page["Location"].startswith(reverse("account_reauthenticate"))
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200
        secret = page.context["form"].secret
        assert "QR code of the authenticator secret" in page.content.decode()

        wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
        assert not Authenticator.objects.filter(user=member).exists()
        assert wrong.status_code == 200

        done = committed(client.post, reverse("mfa_activate_totp"), {"code": totp_code(secret)})
        assert done.status_code == 302
        types = set(Authenticator.objects.filter(user=member).values_list("type", flat=True))
        assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
        assert Action.SECOND_FACTOR_ADDED in actions_of(member)
        # allauth's security notification, through the outbox.
        assert any("mia@example.com" in m.to for m in mail.outbox)

    def test_a_stolen_session_cookie_cannot_add_a_second_factor(self, client, member):
        # A copied cookie is a signed-in session with no sign-in of its own behind it.
        client.force_login(member)
        for name in ("mfa_activate_totp", "mfa_add_webauthn", "mfa_generate_recovery_codes"):
            response = client.get(reverse(name))
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("account_reauthenticate")), name
        forged = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
        assert forged["Location"].startswith(reverse("account_reauthenticate"))
        assert not Authenticator.objects.filter(user=member).exists()

    def test_a_stolen_session_cookie_cannot_remove_the_second_factor(self, client, member, secret):
        client.force_login(member)
        response = client.post(reverse("mfa_deactivate_totp"))
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        assert Authenticator.objects.filter(user=member, type="totp").exists()


class TestSigningIn:
    def test_the_password_alone_does_not_sign_in_the_code_does(self, client, member, secret):
        response = sign_in_with_password(client)
        assert response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        response = enter_code(client, totp_code(secret))
        assert response["Location"] == reverse("dashboard:home")
        assert client.session["_auth_user_id"] == str(member.pk)
        assert Action.SIGNED_IN in actions_of(member)

    def test_a_wrong_code_is_refused_and_recorded(self, client, member, secret):
        sign_in_with_password(client)
        response = enter_code(client, "000000")
        assert "Incorrect code." in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert Action.SECOND_FACTOR_FAILED in actions_of(member)

    def test_a_recovery_code_signs_in_once(self, member, secret):
        code = recovery_codes_of(member)[0]
        first = Client()
        sign_in_with_password(first)
        assert enter_code(first, code)["Location"] == reverse("dashboard:home")
        assert Action.RECOVERY_CODE_USED in actions_of(member)
        second = Client()
        sign_in_with_password(second)
        assert "Incorrect code." in enter_code(second, code).content.decode()
        assert "_auth_user_id" not in second.session

    def test_the_eleventh_wrong_code_in_a_minute_is_refused_even_when_right(
        self, client, member, secret, committed
    ):
        mail.outbox.clear()
        sign_in_with_password(client)
        for _ in range(10):
            assert "Incorrect code." in enter_code(client, "000000").content.decode()
        response = committed(enter_code, client, totp_code(secret))
        assert "Too many wrong codes" in response.content.decode()
        assert "_auth_user_id" not in client.session
        # The owner is told, once, and the refusal is on the trail.
        committed(enter_code, client, totp_code(secret))
        told = [m for m in mail.outbox if "Too many wrong sign-in codes" in m.subject]
        assert len(told) == 1 and told[0].to == ["mia@example.com"]
        assert "127.0.0.1" in told[0].body
        assert actions_of(member).count(Action.SECOND_FACTOR_LOCKED) == 1

    def test_recovery_codes_count_against_the_same_limit(self, client, member, secret):
        sign_in_with_password(client)
        for _ in range(10):
            enter_code(client, "wrong-recovery")
        response = enter_code(client, recovery_codes_of(member)[0])
        assert "Too many wrong codes" in response.content.decode()
        assert len(recovery_codes_of(member)) == 10  # not spent by the refused attempt

    def test_guesses_from_one_address_are_limited_across_accounts(self, member, secret):
        # 20 a minute per address: an attacker spreading guesses over accounts is held too.
        others = [UserFactory(email=f"other{n}@example.com") for n in range(3)]
        for other in others:
            give_totp(other)
        attempts = 0
        for other in others:
            browser = Client()
            sign_in_with_password(browser, email=other.email)
            for _ in range(7):
                enter_code(browser, "000000")
                attempts += 1
        assert attempts == 21
        browser = Client()
        sign_in_with_password(browser)
        response = enter_code(browser, totp_code(secret))
        assert "Too many wrong codes" in response.content.decode()

    def test_a_right_code_clears_the_count(self, client, member, secret):
        sign_in_with_password(client)
        for _ in range(9):
            enter_code(client, "000000")
        assert enter_code(client, totp_code(secret))["Location"] == reverse("dashboard:home")


class TestStaff:
    def test_staff_without_a_second_factor_are_sent_to_add_one(self, client):
        moderator = UserFactory(is_staff=True, email="mod@example.com")
        client.force_login(moderator)
        for url in (reverse("dashboard:home"), "/admin/"):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"] == reverse("mfa_index")
        assert client.get(reverse("mfa_index")).status_code == 200
        api = client.get("/api/v1/engagements/")
        assert api.status_code == 403
        assert api.json()["code"] == "second_factor_required"

    def test_staff_with_a_second_factor_reach_the_admin(self, client, staff):
        client.force_login(staff)
        assert client.get("/admin/").status_code == 200

    def test_staff_cannot_remove_their_last_second_factor(self, client, staff):
        client.force_login(staff)
        confirm_identity(client, staff)
        client.post(reverse("mfa_deactivate_totp"))
        assert Authenticator.objects.filter(user=staff, type="totp").exists()


def test_the_code_field_is_named_for_password_managers(client, member, secret):
    sign_in_with_password(client)
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert re.search(r'autocomplete="one-time-code"', page)


def test_signing_in_without_a_second_factor_suggests_one(client, member):
    response = sign_in_with_password(client, follow=True)
    assert "Protect your account with two-factor sign-in" in response.content.decode()


def test_signing_in_with_a_second_factor_suggests_nothing(client, member, secret):
    sign_in_with_password(client)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, follow=True)
    assert "Protect your account" not in response.content.decode()
