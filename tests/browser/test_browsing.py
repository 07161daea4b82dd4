"""A visitor browsing in a real browser: search, the seed service, filters, keyboard, and axe on
what only a signed-in client or the owner sees (test_layout.py checks every page)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from demo import seed
from reviews import reputation
from services.models import Category
from services.search import refresh_search_vectors
from tests.factories import (
    ProfileFactory,
    ReviewFactory,
    ServiceFactory,
    UserFactory,
    WritingSampleFactory,
)
from tests.support.browser import axe_violations, describe

pytestmark = pytest.mark.browser

SEED_URL = f"/services/{seed.SEED_SERVICE_SLUG}/"


@pytest.fixture
def demo(transactional_db):
    """The seed service, plus a dearer news service and a cheap logo service to filter out."""
    service = seed.load_demo()
    articles = Category.objects.get(slug="articles-news")
    rival = ProfileFactory(slug="omar-haddad", display_name="Omar Haddad")
    dear = ServiceFactory(
        owner=rival,
        title="I will report and write your news story",
        category=articles,
        hourly_rate=Decimal("40"),
    )
    logo = ServiceFactory(
        title="I will design a journalism-themed logo",
        category=Category.objects.get(slug="logo-branding"),
        hourly_rate=Decimal("15"),
    )
    WritingSampleFactory(profile=rival, title="Night shift at the news desk", slug="night-shift")
    for rating, text in [(5, "Fast, accurate and a pleasure."), (3, "Good story, a day late.")]:
        ReviewFactory(service=dear, rating=rating, text=text)
    reputation.refresh_reputation(service_ids=[dear.pk])
    refresh_search_vectors(service_ids=[dear.pk, logo.pk])
    return service


def sign_in(page, live_server, user) -> None:
    """Give the browser a session of `user` (the sign-in form is the accounts tests' job)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def result_titles(page) -> list[str]:
    return page.locator(".results .service-card__title").all_inner_texts()


def test_a_visitor_searches_from_the_home_page_and_opens_the_seed_service(page, demo):
    page.goto("/")
    page.get_by_label("What do you need done?").fill("journalism")
    page.get_by_role("button", name="Search services").click()
    expect(page).to_have_url(re.compile(r"/services/\?q=journalism$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Services for “journalism”")
    page.get_by_role("link", name=seed.SEED_SERVICE_TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(SEED_URL) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.SEED_SERVICE_TITLE)


def test_the_seed_service_page_shows_every_element_of_the_seed_page(page, demo):
    page.goto(SEED_URL)
    banner = page.locator("img.banner")
    expect(banner).to_be_visible()
    assert banner.evaluate("img => img.complete && img.naturalWidth") > 0, "banner not loaded"

    breadcrumb = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    expect(breadcrumb).to_have_text(["All Services", "Writing & Translation", "Articles & News"])
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.SEED_SERVICE_TITLE)
    prices = page.locator(".service-header .prices")
    expect(prices).to_contain_text("$15/hr")
    expect(prices).to_contain_text("Starting at $25")

    paragraphs = page.locator(".service-layout__description p")
    expect(paragraphs).to_have_count(13)
    expect(paragraphs.first).to_contain_text("MOSCOW, Russia. (CNN) -- Russian President")
    expect(paragraphs.last).to_contain_text("shifted accordingly, experts say.")

    about = page.get_by_role("complementary", name="About")
    expect(about.get_by_role("link", name="Elena Marsh", exact=True)).to_be_visible()
    expect(about.get_by_role("img", name="Photo of Elena Marsh")).to_be_visible()
    expect(about.locator(".about-box__terms")).to_have_text(re.compile(r"\$15/hr\s+Ongoing"))
    expect(about.get_by_role("link", name="Download Resume")).to_be_visible()

    skills = page.get_by_role("region", name="Skills & Expertise").get_by_role("link")
    expect(skills).to_have_text(seed.SEED_SKILLS)
    expect(skills.nth(4)).to_have_attribute("href", "/services/?skill=news-writing")

    reviews = page.get_by_role("region", name="0 Reviews")
    expect(reviews.get_by_role("heading", name="0 Reviews")).to_be_visible()
    expect(reviews).to_contain_text("This freelancer has not received any feedback.")


def test_the_resume_downloads_as_a_pdf(page, demo):
    page.goto(SEED_URL)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Resume").click()
    download = download_info.value
    assert download.suggested_filename == "elena-marsh-resume.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_a_visitor_narrows_the_list_by_category_and_hourly_rate(page, demo):
    page.goto("/services/")
    assert len(result_titles(page)) == 3
    page.get_by_role("link", name=re.compile(r"^Articles & News 2 services")).click()
    expect(page).to_have_url(re.compile(r"/categories/articles-news/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles & News")
    expect(page.locator(".results .service-card")).to_have_count(2)

    page.get_by_label("Hourly rate from", exact=True).fill("10")
    page.get_by_label("Hourly rate to", exact=True).fill("20")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/categories/articles-news/\?.*min_rate=10.*max_rate=20"))
    expect(page.locator(".results .service-card")).to_have_count(1)
    assert result_titles(page) == [seed.SEED_SERVICE_TITLE]
    expect(page.get_by_label("Hourly rate from", exact=True)).to_have_value("10")

    page.go_back()
    expect(page.locator(".results .service-card")).to_have_count(2)


def test_the_search_box_is_reached_with_the_keyboard_alone(page, demo):
    page.goto("/")
    # The skip link, then the home page's search box: first in the main content.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="What do you need done?")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused search box shows no focus indicator"
    page.keyboard.type("news writing")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/services/\?q=news\+writing$"))
    expect(page.locator(".results")).to_contain_text(seed.SEED_SERVICE_TITLE)


def test_the_skip_link_moves_focus_to_the_main_content(page, demo):
    page.goto(SEED_URL)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_service_page_is_accessible_to_a_signed_in_client(page, live_server, demo):
    sign_in(page, live_server, UserFactory())
    page.goto(SEED_URL)
    expect(page.get_by_role("heading", name="Get a quote")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_the_owner_sees_their_paused_service_that_others_cannot(page, live_server, demo):
    demo.status = "paused"
    demo.save()
    page.goto(SEED_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    sign_in(page, live_server, demo.owner.user)
    page.goto(SEED_URL)
    expect(page.get_by_text("This service is paused: only you can see this page.")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
