"""The API's account endpoints: named tokens (listed, revoked), browser sessions (listed,
ended), and a second factor when the account has one."""

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from audit.models import Action, Event
from tests.factories import UserFactory
from tests.support.api import error_of
from tests.support.mfa import give_totp, recovery_codes_of, totp_code
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"


def credentials(user, **extra):
    return {"email": user.email, "password": PASSWORD, **extra}


class TestTokensWithASecondFactor:
    def test_the_password_alone_is_not_enough(self, api, outsider):
        give_totp(outsider)
        response = api.post(TOKEN_URL, credentials(outsider))
        assert response.status_code == 400
        assert error_of(response)["errors"] == {
            "code": ["This account has two-factor sign-in: send a code."]
        }
        assert not ApiToken.objects.exists()

    def test_a_code_from_the_app_or_a_recovery_code_gets_a_token(self, api, outsider):
        secret = give_totp(outsider)
        assert api.post(TOKEN_URL, credentials(outsider, code=totp_code(secret))).status_code == 200
        recovery = recovery_codes_of(outsider)[0]
        assert api.post(TOKEN_URL, credentials(outsider, code=recovery)).status_code == 200
        assert Event.objects.filter(
            subject=outsider, action_name=Action.RECOVERY_CODE_USED
        ).exists()
        assert outsider.api_tokens.count() == 2

    def test_the_eleventh_wrong_code_is_refused_even_when_right_and_the_owner_told(
        self, api, outsider, django_capture_on_commit_callbacks, settings
    ):
        # The endpoint's own limit per address (10 a minute) is not what this test is about.
        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**rates, "token": None},
        }
        secret = give_totp(outsider)
        for _ in range(10):
            assert api.post(TOKEN_URL, credentials(outsider, code="000000")).status_code == 400
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post(TOKEN_URL, credentials(outsider, code=totp_code(secret)))
        assert response.status_code == 429
        assert not ApiToken.objects.exists()
        assert [m.to for m in mail.outbox if "Too many wrong" in m.subject] == [[outsider.email]]
        assert Event.objects.filter(
            subject=outsider, action_name=Action.SECOND_FACTOR_LOCKED
        ).exists()

    def test_staff_without_a_second_factor_get_no_token(self, api):
        moderator = UserFactory(is_staff=True)
        response = api.post(TOKEN_URL, credentials(moderator))
        assert response.status_code == 403
        assert error_of(response)["code"] == "second_factor_required"


def test_failed_passwords_are_limited_per_account_as_on_the_sign_in_page(api, outsider):
    for _ in range(5):
        assert api.post(TOKEN_URL, credentials(outsider, password="wrong")).status_code == 401
    response = api.post(TOKEN_URL, credentials(outsider))
    assert response.status_code == 429
    assert "Retry-After" in response


class TestTokenList:
    def test_it_lists_ones_own_tokens_without_their_keys(self, as_user, outsider):
        key = token_key_for(outsider, name="Reports")
        token_key_for(UserFactory(), name="Someone else's")
        api = as_user(outsider)  # signs in with a token of its own, "Tests"
        body = api.get("/api/v1/auth/tokens/").json()
        assert sorted(t["name"] for t in body) == ["Reports", "Tests"]
        assert key not in str(body)
        assert set(body[0]) == {"id", "name", "prefix", "created_at", "last_used_at"}

    def test_revoking_by_id_works_for_ones_own_and_is_404_for_others(self, as_user, outsider):
        token_key_for(outsider, name="Old script")
        theirs = ApiToken.objects.create(user=UserFactory(), name="x", key_digest="d", prefix="p")
        api = as_user(outsider)
        mine = outsider.api_tokens.get(name="Old script")
        assert api.delete(f"/api/v1/auth/tokens/{theirs.pk}/").status_code == 404
        assert api.delete(f"/api/v1/auth/tokens/{mine.pk}/").status_code == 204
        assert not ApiToken.objects.filter(pk=mine.pk).exists()
        assert ApiToken.objects.filter(pk=theirs.pk).exists()
        assert Event.objects.filter(subject=outsider, action_name=Action.TOKEN_REVOKED).exists()

    def test_revoking_the_token_in_use_needs_a_token(self, outsider):
        browser = Client()
        browser.force_login(outsider)
        response = browser.delete(TOKEN_URL)
        assert response.status_code == 400
        assert error_of(response)["code"] == "no_token"


class TestSessions:
    def test_it_lists_ones_own_browser_sessions_and_ends_one(self, as_user, outsider):
        laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0")
        laptop.post(reverse("account_login"), {"login": outsider.email, "password": PASSWORD})
        other = UserFactory()
        Client().post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
        api = as_user(outsider)
        sessions = api.get("/api/v1/auth/sessions/").json()
        assert [s["device"] for s in sessions] == ["Firefox 130 on Linux"]
        assert sessions[0]["current"] is False
        theirs = UserSession.objects.get(user=other)
        assert api.delete(f"/api/v1/auth/sessions/{theirs.pk}/").status_code == 404
        assert api.delete(f"/api/v1/auth/sessions/{sessions[0]['id']}/").status_code == 204
        assert laptop.get(reverse("dashboard:home")).status_code == 302

    @pytest.mark.parametrize(
        ("method", "url"),
        [
            ("get", "/api/v1/auth/tokens/"),
            ("delete", "/api/v1/auth/tokens/1/"),
            ("get", "/api/v1/auth/sessions/"),
            ("delete", "/api/v1/auth/sessions/1/"),
        ],
    )
    def test_anonymous_clients_are_refused(self, api, method, url):
        assert getattr(api, method)(url).status_code == 401


def test_a_person_at_the_most_tokens_is_told_to_revoke_one(api, outsider):
    for n in range(20):
        token_key_for(outsider, name=f"t{n}")
    response = api.post(TOKEN_URL, credentials(outsider))
    assert response.status_code == 409
    assert error_of(response)["code"] == "too_many_tokens"
