"""Favourites in a real browser: an anonymous visitor is sent to sign in and back to the page;
signed in, the save button works in place (the script), and the favourite is on the list;
without JavaScript the same button posts and comes back. No axe-core WCAG A/AA violation on
the way, on a phone (390 px) and a desktop (1280 px).
"""

import re

import pytest
from playwright.sync_api import expect

from favourites.models import Favourite
from tests.support.browser import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


def sign_in_here(page, user) -> None:
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_client_saves_a_service_in_place_and_finds_it_on_the_list(
    page, transactional_db, service, hiring_client
):
    # Anonymous: the service page offers to sign in, and signing in comes back to it.
    page.goto(service.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Save this service").click()
    sign_in_here(page, hiring_client)
    expect(page).to_have_url(re.compile(rf"{service.get_absolute_url()}#favourite$"))

    # Signed in: a card's button saves without leaving the page (the script posts with fetch).
    page.goto("/services/?q=news")
    button = page.get_by_role("button", name="Save I will write your news")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert_accessible(page)
    with page.expect_response(re.compile(r"/favourites/service/\d+/$")) as posted:
        button.click()
    assert posted.value.headers["content-type"] == "application/json"
    saved = page.get_by_role("button", name="Saved I will write your news")
    expect(saved).to_have_attribute("aria-pressed", "true")
    expect(page).to_have_url(re.compile(r"/services/\?q=news$"))
    expect(saved).to_be_focused()  # the keyboard stays where it was
    assert Favourite.objects.filter(user=hiring_client, service=service).exists()
    assert_accessible(page)

    # The list has it, with a button to remove it.
    page.get_by_role("link", name="Favourites").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your favourites")
    expect(page.get_by_role("link", name="I will write your news")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Remove I will write your news").click()
    expect(page.get_by_text("Removed from favourites.")).to_be_visible()
    expect(page.get_by_text("Nothing saved yet")).to_be_visible()

    # Pressed again in place, it toggles back off as well.
    page.goto(service.get_absolute_url())
    page.get_by_role("button", name="Save I will write your news").click()
    expect(page.get_by_role("button", name="Saved I will write your news")).to_be_visible()
    page.get_by_role("button", name="Saved I will write your news").click()
    expect(page.get_by_role("button", name="Save I will write your news")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert not Favourite.objects.filter(user=hiring_client).exists()


def test_without_javascript_the_button_posts_and_comes_back_to_the_card(
    browser, live_server, transactional_db, service, hiring_client
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/login/?next=/services/")
        sign_in_here(page, hiring_client)
        page.get_by_role("button", name="Save I will write your news").click()
        expect(page).to_have_url(re.compile(rf"/services/#service-{service.pk}$"))
        expect(page.get_by_text("Saved to your favourites.")).to_be_visible()
        expect(page.get_by_role("button", name="Saved I will write your news")).to_have_attribute(
            "aria-pressed", "true"
        )
        assert Favourite.objects.filter(user=hiring_client, service=service).exists()
    finally:
        context.close()
