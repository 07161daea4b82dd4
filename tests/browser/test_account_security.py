"""Account security in a real browser: a security key added and used to sign in with
Chromium's virtual authenticator (CDP WebAuthn), TOTP set up from the page, and no axe-core
WCAG A/AA violation on the new pages at 390 and 1280 px."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.support.browser import assert_accessible
from tests.support.mfa import totp_code

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def confirm_password(page) -> None:
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


@pytest.fixture
def webauthn_origin(settings, live_server):
    # The live server speaks plain HTTP on localhost, which browsers treat as secure.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True


def add_virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_security_key_is_added_and_then_signs_in(
    page, transactional_db, outsider, webauthn_origin
):
    add_virtual_authenticator(page)
    sign_in(page, outsider)
    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    assert_accessible(page)
    page.get_by_label("Name").fill("Desk key")
    page.get_by_role("button", name="Add").click()
    expect(page).not_to_have_url(re.compile(r"/webauthn/add/"))
    key = Authenticator.objects.get(user=outsider, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Desk key"

    page.goto("/accounts/security/")
    page.locator("form[action='/accounts/logout/'] button").first.click()
    sign_in(page, outsider)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(re.compile(r"/dashboard/"))


def test_an_authenticator_app_is_set_up_from_the_page(page, transactional_db, outsider):
    sign_in(page, outsider)
    page.goto("/accounts/security/")
    assert_accessible(page)
    page.get_by_role("link", name="Turn on two-factor sign-in").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    assert_accessible(page)
    page.goto("/accounts/2fa/totp/activate/")
    confirm_password(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    # Off the activation page (which /accounts/2fa/ alone would match before the answer).
    expect(page).not_to_have_url(re.compile(r"/totp/activate/"))
    assert Authenticator.objects.filter(user=outsider, type="totp").exists()
    page.goto("/accounts/2fa/recovery-codes/")
    assert_accessible(page)


def test_the_account_pages_pass_axe(page, transactional_db, freelancer):
    sign_in(page, freelancer)
    for path in (
        "/accounts/security/",
        "/accounts/sessions/",
        "/accounts/tokens/",
        "/accounts/activity/",
        "/accounts/data/",
        "/accounts/delete/",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto("/accounts/tokens/")
    page.get_by_label("Name").fill("Invoicing script")
    page.get_by_role("button", name="Create token").click()
    confirm_password(page)
    expect(page.get_by_label("Key")).to_have_value(re.compile(r"^[0-9a-f]{40}$"))
    assert_accessible(page)
    page.goto("/accounts/data/")
    page.get_by_role("button", name="Ask for a copy of my data").click()
    expect(page.get_by_role("link", name="Download your data")).to_be_visible()
    assert_accessible(page)


def test_a_passkey_signs_in_without_a_password(page, transactional_db, outsider, webauthn_origin):
    add_virtual_authenticator(page)
    sign_in(page, outsider)
    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password(page)
    page.get_by_label("Name").fill("Phone")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    expect(page).not_to_have_url(re.compile(r"/webauthn/add/"))
    page.goto("/accounts/security/")
    page.locator("form[action='/accounts/logout/'] button").first.click()

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name="Use a passkey instead").click()
    expect(page).to_have_url(re.compile(r"/dashboard/"))
