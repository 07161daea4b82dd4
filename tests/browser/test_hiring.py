"""Hiring and reviewing in a real browser: a quote becomes a completed job, then a review,
then a moderator's decision, and the service page's counts follow every step."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.support.browser import assert_accessible
from tests.support.mfa import totp_code

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture
def cast(transactional_db, service, hiring_client, outsider, staff):
    """The suite's cast (tests/conftest.py), in a database the live server can see."""
    return {
        "service": service,
        "freelancer": service.owner.user,
        "client": hiring_client,
        "reader": outsider,
        "staff": staff,
    }


def sign_in(page, user, *, start: str = "/accounts/login/") -> None:
    if start:
        page.goto(start)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def open_engagement(page, service) -> None:
    page.goto("/engagements/")
    assert_accessible(page)
    page.get_by_role("link", name=service.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(service.title)


def test_a_quote_becomes_a_review_that_a_moderator_can_hide(page, cast):
    service = cast["service"]
    reviews_heading = page.locator("#reviews-heading")
    empty_state = page.get_by_text("This freelancer has not received any feedback.")

    # A visitor signs in from the quote box and asks for a quote.
    page.goto(service.get_absolute_url())
    expect(reviews_heading).to_have_text("0 Reviews")
    expect(empty_state).to_be_visible()
    page.locator(".quote-box").get_by_role("link", name="Get a quote").click()
    sign_in(page, cast["client"], start="")
    expect(page).to_have_url(re.compile(f"/engagements/quote/{service.slug}/$"))
    page.get_by_label("What do you need?").fill("<script>alert(1)</script> A 900-word explainer.")
    page.get_by_label(re.compile(r"^Budget")).fill("180")
    page.get_by_role("button", name="Request a quote").click()
    expect(page.get_by_text("Your request was sent to Elena Marsh.")).to_be_visible()
    expect(page.get_by_text("<script>alert(1)</script> A 900-word explainer.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The freelancer accepts with a quote, then delivers.
    sign_in(page, cast["freelancer"])
    open_engagement(page, service)
    page.get_by_label("Your quote").fill("150")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Engagement accepted.")).to_be_visible()
    page.get_by_label("Your message").fill("Starting today.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent.")).to_be_visible()
    page.get_by_role("button", name="Mark as delivered").click()
    expect(page.get_by_text("Engagement delivered.")).to_be_visible()
    sign_out(page)

    # The client sees the unread message, completes the work and reviews it.
    sign_in(page, cast["client"])
    page.goto("/engagements/")
    expect(page.get_by_text("1 unread message")).to_be_attached()
    open_engagement(page, service)
    expect(page.get_by_text("Starting today.")).to_be_visible()
    page.get_by_role("button", name="Confirm completion").click()
    expect(page.get_by_text("Engagement completed.")).to_be_visible()
    page.get_by_role("link", name="Leave a review").click()
    assert_accessible(page)
    page.get_by_label("5 stars: excellent").check()
    page.get_by_label("Your review").fill("Clear, well-researched and delivered a day early.")
    page.get_by_role("button", name="Submit review").click()
    # Double-blind: it waits for the freelancer's review of the client.
    expect(page.get_by_text("Thank you: your review is saved.")).to_be_visible()
    page.goto(service.get_absolute_url())
    expect(reviews_heading).to_have_text("0 Reviews")
    sign_out(page)

    # The freelancer reviews the client; both reviews appear together.
    sign_in(page, cast["freelancer"])
    open_engagement(page, service)
    expect(page.get_by_text("Sam Okafor has reviewed you.")).to_be_visible()
    page.get_by_role("link", name="Leave a review").click()
    page.get_by_label("5 stars: excellent").check()
    page.get_by_label("Your review of the client").fill("A clear brief, quick answers, paid.")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Thank you: both reviews are now published.")).to_be_visible()
    page.goto(service.get_absolute_url())
    expect(reviews_heading).to_have_text("1 Review")
    expect(empty_state).to_have_count(0)
    expect(page.get_by_text(f"Verified hire · {timezone.now():%B %Y}")).to_be_visible()

    # The freelancer answers publicly.
    open_engagement(page, service)
    page.get_by_role("link", name="Respond publicly").click()
    page.get_by_label("Your public response").fill("Thank you, Sam!")
    page.get_by_role("button", name="Publish response").click()
    expect(page.get_by_text("Response from the freelancer")).to_be_visible()
    expect(page.get_by_text("Thank you, Sam!")).to_be_visible()
    sign_out(page)

    # Another member reports it.
    sign_in(page, cast["reader"])
    page.goto(service.get_absolute_url())
    page.get_by_role("link", name="Report this review").click()
    assert_accessible(page)
    page.get_by_label("Why should a moderator look at this review?").fill("Looks like spam.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you: a moderator will look at this review.")).to_be_visible()
    expect(reviews_heading).to_have_text("1 Review")  # a report alone hides nothing
    sign_out(page)

    # Staff hide it from the moderation queue, giving the reason (signing in with a code).
    sign_in(page, cast["staff"])
    page.get_by_label("Code").fill(totp_code(cast["staff"].totp_secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.goto("/admin/reviews/reportedreview/")
    expect(page.get_by_text("Looks like spam.")).to_be_visible()
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("hide_reviews")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    page.get_by_label("Reason (recorded in the moderation log)").fill("Confirmed spam")
    page.get_by_role("button", name="Hide 1 review").click()
    expect(page.get_by_text("1 review hidden.")).to_be_visible()

    # The counts go back.
    page.goto(service.get_absolute_url())
    expect(reviews_heading).to_have_text("0 Reviews")
    expect(empty_state).to_be_visible()
    expect(page.get_by_text("Thank you, Sam!")).to_have_count(0)


def test_the_about_ratings_page_is_accessible(page):
    page.goto("/reviews/about-ratings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About ratings")
    assert_accessible(page)
