"""The sessions page: where the account is signed in, ending one or all, and the email on a
sign-in from a browser the account has not used before."""

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import Action, Event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
CHROME_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def member():
    return UserFactory(username="mia", email="mia@example.com", first_name="Mia")


def browser(user_agent: str, address: str = "127.0.0.1") -> Client:
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)


def sign_in(client: Client, committed, email="mia@example.com") -> None:
    response = committed(
        client.post, reverse("account_login"), {"login": email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content


def test_the_page_lists_each_browser_signed_in(member, committed):
    laptop = browser(CHROME_ON_WINDOWS, "203.0.113.5")
    phone = browser(SAFARI_ON_IPHONE, "198.51.100.7")
    sign_in(laptop, committed)
    sign_in(phone, committed)
    page = laptop.get(reverse("accounts:sessions")).content.decode()
    assert "Chrome 120 on Windows <strong>(this browser)</strong>" in page
    assert "Mobile Safari 17 on iPhone" in page
    assert "203.0.113.5" in page and "198.51.100.7" in page


def test_the_place_comes_from_the_proxy_header_when_one_is_configured(member, committed, settings):
    settings.SESSION_COUNTRY_HEADER = "CF-IPCountry"
    laptop = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS, HTTP_CF_IPCOUNTRY="pt")
    sign_in(laptop, committed)
    assert UserSession.objects.get(user=member).data["country"] == "PT"
    assert "<td>PT</td>" in laptop.get(reverse("accounts:sessions")).content.decode()


def test_ending_another_session_signs_that_browser_out(member, committed):
    laptop, phone = browser(CHROME_ON_WINDOWS), browser(SAFARI_ON_IPHONE)
    sign_in(laptop, committed)
    sign_in(phone, committed)
    phones = UserSession.objects.get(user_agent=SAFARI_ON_IPHONE)
    response = committed(laptop.post, reverse("accounts:sessions"), {"session": phones.pk})
    assert response["Location"] == reverse("accounts:sessions")
    assert phone.get(reverse("dashboard:home")).status_code == 302  # to sign-in
    assert laptop.get(reverse("dashboard:home")).status_code == 200
    assert Event.objects.filter(subject=member, action_name=Action.SESSION_ENDED).count() == 1


def test_ending_all_other_sessions_keeps_this_one(member, committed):
    laptop = browser(CHROME_ON_WINDOWS)
    others = [browser(SAFARI_ON_IPHONE), browser("curl/8.0")]
    sign_in(laptop, committed)
    for other in others:
        sign_in(other, committed)
    committed(laptop.post, reverse("accounts:sessions"), {"scope": "others"})
    assert UserSession.objects.filter(user=member).count() == 1
    assert laptop.get(reverse("dashboard:home")).status_code == 200
    for other in others:
        assert other.get(reverse("dashboard:home")).status_code == 302


def test_nobody_ends_someone_elses_session(member, committed):
    sign_in(browser(SAFARI_ON_IPHONE), committed)
    theirs = UserSession.objects.get(user=member)
    intruder = UserFactory(email="ivan@example.com")
    client = browser(CHROME_ON_WINDOWS)
    sign_in(client, committed, email=intruder.email)
    response = client.post(reverse("accounts:sessions"), {"session": theirs.pk}, follow=True)
    assert "That session has already ended." in response.content.decode()
    assert UserSession.objects.filter(pk=theirs.pk).exists()


def test_a_sign_in_from_a_new_browser_emails_the_owner_and_a_known_one_does_not(member, committed):
    laptop = browser(CHROME_ON_WINDOWS, "203.0.113.5")
    sign_in(laptop, committed)
    first = [m for m in mail.outbox if "New sign-in" in m.subject]
    assert len(first) == 1
    assert first[0].to == ["mia@example.com"]
    assert "Chrome 120 on Windows" in first[0].body and "203.0.113.5" in first[0].body
    assert "/accounts/sessions/" in first[0].body

    committed(laptop.post, reverse("account_logout"))
    sign_in(laptop, committed)  # the same browser keeps its cookie
    assert len([m for m in mail.outbox if "New sign-in" in m.subject]) == 1

    sign_in(browser(SAFARI_ON_IPHONE), committed)
    assert len([m for m in mail.outbox if "New sign-in" in m.subject]) == 2


def test_signing_up_is_not_news_to_anyone(client, committed):
    committed(
        client.post,
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": "client",
        },
    )
    assert client.session.get("_auth_user_id")
    assert not [m for m in mail.outbox if "New sign-in" in m.subject]


def test_sign_in_and_failed_sign_in_are_on_the_trail_with_the_address(member, committed):
    laptop = browser(CHROME_ON_WINDOWS, "203.0.113.5")
    laptop.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    sign_in(laptop, committed)
    entries = Event.objects.filter(subject=member).order_by("pk")
    assert [
        (e.action_name, e.remote_addr) for e in entries if e.action_name != "account_created"
    ] == [
        (Action.SIGN_IN_FAILED, "203.0.113.5"),
        (Action.SIGNED_IN, "203.0.113.5"),
        (Action.NEW_BROWSER, "203.0.113.5"),
    ]


def test_a_forwarded_address_is_believed_only_behind_a_configured_proxy(member, committed):
    spoofed = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS, HTTP_X_FORWARDED_FOR="192.0.2.66")
    sign_in(spoofed, committed)
    assert Event.objects.get(action_name=Action.SIGNED_IN).remote_addr == "127.0.0.1"
