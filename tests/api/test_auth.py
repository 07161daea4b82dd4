"""Tokens, sessions with CSRF, and throttling."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.utils.crypto import get_random_string
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import UserFactory
from tests.local_servers import RedisServer
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def user(db):
    return UserFactory(email="sam@example.com")


def test_it_gives_a_token_for_the_right_email_and_password(api, user):
    response = api.post(
        TOKEN_URL, {"email": "sam@example.com", "password": PASSWORD, "name": "Invoices"}
    )
    assert response.status_code == 200
    body = response.json()
    token = ApiToken.objects.get(user=user)
    assert body == {"token": body["token"], "id": token.pk, "name": "Invoices"}
    assert ApiToken.objects.for_key(body["token"]).get() == token


def test_the_token_signs_the_client_in(api, user):
    key = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/engagements/").status_code == 200


def test_each_request_makes_a_new_named_token_whose_key_is_not_stored(api, user):
    first = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD}).json()
    second = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD}).json()
    assert first["token"] != second["token"]
    assert first["name"] == second["name"] == "API token"
    stored = list(ApiToken.objects.values_list("key_digest", flat=True))
    assert len(stored) == 2
    assert first["token"] not in stored and second["token"] not in stored


def test_a_stale_token_in_the_header_does_not_block_getting_a_new_one(api, user):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "sam@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": PASSWORD},
    ],
)
def test_it_refuses_wrong_credentials_with_a_401_and_a_message(api, user, credentials):
    # Was 400, as if the input were malformed: it is well formed, the credentials are wrong.
    response = api.post(TOKEN_URL, credentials)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert error_of(response) == {
        "detail": "No active account has this email and password.",
        "code": "invalid_credentials",
    }


def test_it_names_the_missing_fields(api):
    response = api.post(TOKEN_URL, {"email": "not an email"})
    assert response.status_code == 400
    errors = error_of(response)["errors"]
    assert set(errors) == {"email", "password"}


def test_it_refuses_an_inactive_account(api):
    UserFactory(email="gone@example.com", is_active=False)
    response = api.post(TOKEN_URL, {"email": "gone@example.com", "password": PASSWORD})
    assert response.status_code == 401
    assert error_of(response)["detail"] == "No active account has this email and password."
    assert not ApiToken.objects.exists()


def test_it_wants_a_confirmed_email_when_the_site_does(api, user, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert error_of(response)["code"] == "email_unverified"
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    assert api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD}).status_code == 200


def test_revoking_deletes_the_token_so_it_no_longer_signs_in(as_user, user):
    api = as_user(user)
    assert api.delete(TOKEN_URL).status_code == 204
    assert not ApiToken.objects.filter(user=user).exists()
    response = api.get("/api/v1/engagements/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_revoking_needs_a_signed_in_client(api):
    response = api.delete(TOKEN_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert error_of(response)["code"] == "not_authenticated"


def test_a_session_request_that_changes_something_needs_the_csrf_token(user):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.post("/api/v1/me/")
    assert response.status_code == 403
    assert "CSRF" in error_of(response)["detail"]
    # What the site's pages hand a browser: the CSRF cookie, echoed in the header.
    secret = get_random_string(32)
    browser.cookies["csrftoken"] = secret
    assert browser.post("/api/v1/me/", HTTP_X_CSRFTOKEN=secret).status_code == 201


def test_a_session_can_read_without_the_csrf_token(user):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get("/api/v1/engagements/").status_code == 200


def _rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None, **rates},
    }


def test_anonymous_clients_are_throttled_with_retry_after(api, settings):
    _rates(settings, anon="2/minute")
    assert api.get("/api/v1/skills/").status_code == 200
    assert api.get("/api/v1/categories/").status_code == 200
    response = api.get("/api/v1/skills/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert error_of(response)["code"] == "throttled"


def test_signed_in_clients_are_throttled_per_user(as_user, user, settings):
    _rates(settings, user="3/hour")
    api = as_user(user)
    assert [api.get("/api/v1/skills/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert int(api.get("/api/v1/skills/")["Retry-After"]) > 60
    # Another user has their own allowance.
    assert as_user(UserFactory()).get("/api/v1/skills/").status_code == 200


def test_password_guesses_are_throttled_per_address(api, user, settings):
    _rates(settings, token="2/minute")
    for _ in range(2):
        api.post(TOKEN_URL, {"email": user.email, "password": "guess"})
    response = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Retry-After" in response


def test_throttle_counters_are_kept_in_the_shared_cache(api, settings):
    # The default cache is Redis when REDIS_URL is set, so every process sees these counters.
    _rates(settings, anon="5/minute")
    api.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.7")
    assert len(cache.get("throttle_anon_203.0.113.7")) == 1


def test_an_anonymous_client_is_counted_once_by_the_anonymous_rate_alone(api, settings):
    _rates(settings, anon="3/minute", user="1/minute")
    statuses = [api.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.8").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert len(cache.get("throttle_anon_203.0.113.8")) == 3
    assert cache.get("throttle_user_203.0.113.8") is None


def test_a_forwarded_for_header_does_not_escape_the_anonymous_throttle(api, settings):
    _rates(settings, anon="1/minute")
    api.get("/api/v1/skills/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = api.get("/api/v1/skills/", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


@pytest.fixture
def redis_cache(settings):
    """The default cache on a real Redis, as in production when REDIS_URL is set: a server of
    the test's own, so that no other test run shares its counters."""
    server = RedisServer()
    server.start()
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": server.url}}
    yield server.url
    server.stop()


def test_every_server_process_shares_the_throttle_counters_in_redis(api, settings, redis_cache):
    from django.core.cache.backends.redis import RedisCache

    _rates(settings, anon="2/minute")
    assert api.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.9").status_code == 200
    # Another process is another connection: it sees the same counter, and so the same limit.
    other_process = RedisCache(redis_cache, {})
    assert len(other_process.get("throttle_anon_203.0.113.9")) == 1
    other_process.set(
        "throttle_anon_203.0.113.9", other_process.get("throttle_anon_203.0.113.9") * 2
    )
    assert api.get("/api/v1/skills/", REMOTE_ADDR="203.0.113.9").status_code == 429
