import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member():
    return UserFactory(username="mia", email="mia@example.com")


def sign_in(client, email="mia@example.com", password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_member_signs_in_with_email_and_password_and_lands_on_the_dashboard(client, member):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    assert client.get(reverse("dashboard:home")).context["user"] == member


def test_the_header_offers_sign_in_and_sign_up_or_dashboard_and_sign_out(client, member):
    anonymous = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_signup")}"' in anonymous
    client.force_login(member)
    signed_in = client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{reverse("dashboard:home")}"' in signed_in
    assert f'action="{reverse("account_logout")}"' in signed_in


def test_a_wrong_password_says_so_and_signs_nobody_in(client, member):
    response = sign_in(client, password="wrong")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failed_sign_ins_are_rate_limited(client, member):
    for _ in range(5):
        sign_in(client, password="wrong")
    response = sign_in(client)  # even the right password is refused for a while
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_with_csrf(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    # A GET only asks for confirmation.
    page = browser.get(reverse("account_logout"))
    assert page.status_code == 200
    assert "_auth_user_id" in browser.session
    assert browser.post(reverse("account_logout")).status_code == 403
    token = page.context["csrf_token"]
    browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": str(token)})
    assert "_auth_user_id" not in browser.session


def test_a_member_changes_their_password(client, member):
    client.force_login(member)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "new pass phrase 99",
            "password2": "new pass phrase 99",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("new pass phrase 99")


def test_a_member_resets_a_forgotten_password_by_email(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "mia@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    client.post(form_url, {"password1": "brand new phrase 7", "password2": "brand new phrase 7"})
    member.refresh_from_db()
    assert member.check_password("brand new phrase 7")


def test_with_mandatory_verification_nobody_signs_in_before_confirming(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    password = "a-long unusual passphrase 42"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "password1": password,
                "password2": password,
                "role": "client",
            },
            follow=True,
        )
    assert "Confirm your email address" in response.content.decode()
    assert "_auth_user_id" not in client.session
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, "new@example.com", password)
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    client.post(link.group(1))
    assert User.objects.get(email="new@example.com").emailaddress_set.get().verified
    sign_in(client, "new@example.com", password)
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
    ],
)
def test_account_pages_use_the_site_layout_with_one_heading(client, name):
    page = client.get(reverse(name)).content.decode()
    assert 'class="site-header' in page and 'id="main"' in page
    assert page.count("<h1") == 1
