"""The freelancer reviews the client in a real browser, on a phone and on a desktop: the
client's review waits (double-blind), the freelancer's publishes both, and every page on the
way passes axe-core."""

import pytest
from playwright.sync_api import expect

from reviews.submission import submit_review
from tests.browser.test_hiring import assert_accessible, sign_in

pytestmark = pytest.mark.browser

CLIENT_TEXT = "Clear, well-researched and delivered a day early."
FREELANCER_TEXT = "A precise brief, answers within the hour, paid in three days."


@pytest.mark.parametrize("width", [390, 1280])
def test_the_freelancer_reviews_the_client_and_both_reviews_appear(
    page, transactional_db, engagement_in, hiring_client, width
):
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    engagement = engagement_in("completed")
    freelancer = engagement.freelancer.user
    submit_review(engagement=engagement, author=hiring_client, rating=5, text=CLIENT_TEXT)

    sign_in(page, freelancer)
    page.goto(engagement.get_absolute_url())
    expect(page.get_by_text("Sam Okafor has reviewed you. Write your review")).to_be_visible()
    expect(page.get_by_text(CLIENT_TEXT)).to_have_count(0)  # not before theirs is in
    assert_accessible(page)

    page.get_by_role("link", name="Leave a review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review Sam Okafor as a client")
    expect(page.get_by_text("How clear was the brief?")).to_be_visible()
    assert_accessible(page)

    # A too-short review shows the error and keeps what was typed.
    page.get_by_label("5 stars: excellent").check()
    page.get_by_label("Your review of the client").fill("Fine.")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Ensure this value has at least 20 characters")).to_be_visible()
    expect(page.get_by_label("Your review of the client")).to_have_value("Fine.")
    assert_accessible(page)

    page.get_by_label("Your review of the client").fill(FREELANCER_TEXT)
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Thank you: both reviews are now published.")).to_be_visible()
    # The client's public page, with the review and the client's new rating.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sam O.")
    expect(page.get_by_text(FREELANCER_TEXT)).to_be_visible()
    expect(page.locator("#reviews-heading")).to_have_text("1 Review")
    assert_accessible(page)

    # And the client's review of the freelancer is there for the freelancer to read.
    page.goto(engagement.get_absolute_url())
    expect(page.get_by_text(CLIENT_TEXT)).to_be_visible()
    expect(page.get_by_role("link", name="Respond publicly")).to_be_visible()
    assert_accessible(page)
