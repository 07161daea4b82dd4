"""A new visitor on a phone (390 px) and a laptop (1280 px) finds, trusts and hires a freelancer:
results and "Get a quote" in the first screen, hiring from a profile through sign-in, the
footer's trust pages, and the review stars by keyboard (every page's axe check is in
test_layout.py)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from demo import hourly as demo_hourly
from demo import payments as demo_payments
from demo import seed
from engagements.models import Engagement
from tests.browser.conftest import axe_violations, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "a long demo password"
PROFILE = "/freelancers/amara-nwosu/"
SERVICE = "/services/news-writing-for-regional-and-online-outlets/"


@pytest.fixture
def demo(demo_site):
    client = User.objects.get(email=seed.CLIENT.email)
    client.set_password(PASSWORD)
    client.save()
    return client


def sign_in_as(page, live_server, user) -> None:
    session = Client()
    session.force_login(user)
    cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def in_first_screen(locator, viewport: dict) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_the_first_search_result_is_in_the_first_screen_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/services/?q=news+writing")
    first = page.locator(".results .service-card").first
    expect(first).to_contain_text("News writing for regional and online outlets")
    assert page.locator(".results .service-card__title").first.bounding_box()["y"] < PHONE["height"]


def test_a_category_shows_its_results_in_the_first_screen_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/categories/writing-translation/")
    title = page.locator(".results .service-card__title").first
    assert title.bounding_box()["y"] < PHONE["height"]


@pytest.mark.parametrize("path", [SERVICE, f"/services/{seed.SEED_SERVICE_SLUG}/"])
def test_get_a_quote_is_visible_without_scrolling_on_a_phone(page, demo, path):
    page.set_viewport_size(PHONE)
    page.goto(path)
    button = page.locator(".quote-bar").get_by_role("link", name="Get a quote")
    expect(button).to_be_visible()
    assert in_first_screen(button, PHONE)
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, "too small to tap"
    # It stays in view as the visitor reads on.
    page.mouse.wheel(0, 3000)
    expect(button).to_be_in_viewport()


def test_on_a_laptop_the_header_button_takes_one_click_to_the_next_step(page, live_server, demo):
    page.set_viewport_size(LAPTOP)
    page.goto(SERVICE)
    expect(page.locator(".quote-bar")).to_be_hidden()
    expect(page.locator(".quote-box").get_by_role("link", name="Get a quote")).to_be_visible()
    header_button = page.locator(".service-header").get_by_role("link", name="Get a quote")
    assert in_first_screen(header_button, LAPTOP)
    # Signed out: straight to sign-in, never a scroll to a second button.
    header_button.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fengagements%2Fquote%2F"))
    # Signed in: to the quote form beside the description.
    sign_in_as(page, live_server, demo)
    page.goto(SERVICE)
    header_button.click()
    expect(page.get_by_label("What do you need?")).to_be_in_viewport()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_a_signed_out_visitor_hires_from_a_profile_through_sign_in(page, demo, viewport):
    page.set_viewport_size(viewport)
    page.goto(PROFILE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Nwosu")
    page.get_by_role("link", name="Get a quote").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Email").fill(seed.CLIENT.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/engagements/quote/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get a quote")
    page.get_by_label("What do you need?").fill("A 900-word piece on the new ferry timetable.")
    page.get_by_role("button", name="Request a quote").click()
    expect(page.get_by_text("Your request was sent to Amara Nwosu.")).to_be_visible()
    assert Engagement.objects.filter(
        client=demo, what__startswith="A 900-word piece", state="requested"
    ).exists()


FOOTER = {
    "About": "About Freelance Commons",
    "How it works": "How it works",
    "Terms": "Terms of use",
    "Privacy": "Privacy",
    "Contact": "Contact us",
}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_footer_leads_to_every_trust_page(page, demo, viewport):
    page.set_viewport_size(viewport)
    for link, heading in FOOTER.items():
        page.goto("/")
        page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_a_visitor_writes_to_the_team(page, demo):
    page.goto("/contact/")
    page.get_by_label("Name").fill("Ada Byrne")
    page.get_by_label("Your email").fill("ada@example.org")
    page.get_by_label("Subject").fill("Invoices")
    page.get_by_label("Message").fill("Do freelancers invoice through the site or directly?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("your message is on its way")).to_be_visible()


def test_the_review_stars_work_with_the_keyboard(page, live_server, demo):
    # The demo client's accepted quote, completed today, so the review window is open. (Not
    # the demo's escrow or hourly engagement, nor one of its orders of packages.)
    engagement = (
        Engagement.objects.exclude(what__in=[demo_payments.BRIEF, demo_hourly.BRIEF])
        .filter(order__isnull=True)
        .get(client=demo, state="accepted")
    )
    now = timezone.now()
    Engagement.objects.filter(pk=engagement.pk).update(
        state="completed", delivered_at=now, completed_at=now
    )
    sign_in_as(page, live_server, demo)
    page.goto(f"/reviews/new/{engagement.pk}/")
    page.get_by_label("3 stars: okay").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_label("4 stars: good")).to_be_checked()
    colour = (
        page.locator(".star-input label")
        .nth(3)
        .locator(".star-input__star")
        .evaluate("el => getComputedStyle(el).color")
    )
    assert colour == "rgb(163, 84, 0)", "the chosen star is not filled"
    violations = axe_violations(page)
    assert not violations, describe(violations)
