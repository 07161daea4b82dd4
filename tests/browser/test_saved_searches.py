"""Saved searches in a real browser: a client saves a search from its results, finds it in
the dashboard, renames it, pauses its alerts and deletes it; the email's unsubscribe link
works signed out. Every page has no axe-core WCAG A/AA violation at 390 and 1280 px.
"""

import pytest
from playwright.sync_api import expect

from saved_searches.models import SavedSearch
from tests.browser.test_jobs import assert_accessible, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_a_client_saves_a_search_and_manages_it(page, transactional_db, service, hiring_client):
    sign_in(page, hiring_client)
    # A search the page refuses is refused with the reason, on a page of its own.
    page.goto("/services/?q=news&min_rate=-1")
    page.get_by_text("Save this search and get email alerts").click()
    page.get_by_role("button", name="Save search").click()
    expect(
        page.get_by_text("Min rate: Ensure this value is greater than or equal to 0")
    ).to_be_visible()
    assert_accessible(page)
    assert not SavedSearch.objects.exists()

    page.goto("/services/?q=news")
    page.get_by_text("Save this search and get email alerts").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("News writers")
    page.get_by_label("Email me").select_option(label="Once a week")
    page.get_by_role("button", name="Save search").click()

    expect(page.get_by_text("Search saved as “News writers”")).to_be_visible()
    assert page.url.endswith("/services/?q=news")
    search = SavedSearch.objects.get()
    assert (search.query, search.frequency) == ({"q": ["news"]}, "weekly")

    page.goto("/dashboard/")
    page.get_by_role("navigation", name="Dashboard").get_by_role(
        "link", name="Saved searches"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your saved searches")
    assert_accessible(page)
    page.get_by_role("link", name="Rename or change frequency of News writers").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Newsroom")
    page.get_by_label("Email me").select_option(label="Once a day")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Newsroom” is saved.")).to_be_visible()

    page.get_by_role("button", name="Pause alerts for Newsroom").click()
    expect(page.get_by_text("Alerts paused.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Resume alerts for Newsroom").click()
    expect(page.get_by_text("Emails: once a day.")).to_be_visible()

    page.get_by_role("link", name="Run the search Newsroom").click()
    assert page.url.endswith("/services/?q=news")

    unsubscribe = SavedSearch.objects.get().unsubscribe_url()
    sign_out(page)
    page.goto(unsubscribe)
    assert_accessible(page)
    page.get_by_role("button", name="Stop these alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alerts stopped")
    assert SavedSearch.objects.get().is_paused

    sign_in(page, hiring_client)
    page.goto("/dashboard/saved-searches/")
    page.get_by_role("link", name="Delete Newsroom").click()
    assert_accessible(page)
    page.get_by_role("button", name="Delete the saved search").click()
    expect(page.get_by_text("You have no saved searches yet.")).to_be_visible()
    assert not SavedSearch.objects.exists()
