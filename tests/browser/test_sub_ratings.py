"""A writing client rates the four writing aspects on a phone (390 px) and a laptop (1280 px):
a missing one is named next to its stars, the review is kept, and the service page then shows
the breakdown in words and bars, with no WCAG A/AA violation and no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from ratings.aspects import ASPECTS
from reviews import submission
from services.models import Service
from tests.browser import test_trust
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_trust import LAPTOP, PHONE, SERVICE, sign_in_as
from tests.factories import CompletedEngagementFactory

pytestmark = pytest.mark.browser
# The demo catalogue, with the demo client's password set (as the trust journey loads it).
demo = test_trust.demo


def rate(page, field: str, stars: int) -> None:
    # The radio is drawn as a star: click the star, as a person would.
    page.locator(f'input[name="{field}"][value="{stars}"] + label').click()


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_a_writing_client_rates_each_aspect_and_sees_the_breakdown(
    page,
    live_server,
    demo,
    viewport,
):
    page.set_viewport_size(viewport)
    # The demo client hired a news writer (Writing & Translation) and the work is done today.
    engagement = CompletedEngagementFactory(
        client=demo, service=Service.objects.get(slug=SERVICE.strip("/").split("/")[-1])
    )
    sign_in_as(page, live_server, demo)
    page.goto(f"/reviews/new/{engagement.pk}/")
    for aspect in ASPECTS:
        expect(page.get_by_role("group", name=aspect.label)).to_be_visible()
    assert not (violations := axe_violations(page)), describe(violations)
    assert fits_the_width(page)

    rate(page, "rating", 5)
    for aspect in ASPECTS[:-1]:
        rate(page, aspect.rating_field, 5)
    page.get_by_label("Your review").fill("Sourced every claim and filed a day early.")
    page.get_by_role("button", name="Submit review").click()

    # The last aspect was left out: its error is beside it, and the rest is still filled in.
    missing = page.get_by_role("group", name=ASPECTS[-1].label)
    expect(missing).to_contain_text("This field is required.")
    expect(page.get_by_label("Your review")).to_have_value(
        "Sourced every claim and filed a day early."
    )
    expect(page.get_by_label("5 out of 5: excellent").first).to_be_checked()
    assert not (violations := axe_violations(page)), describe(violations)

    rate(page, ASPECTS[-1].rating_field, 3)
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("your review is saved")).to_be_visible()

    # Double-blind: the freelancer's review of the client publishes both.
    submission.submit_review(
        engagement=engagement,
        author=engagement.freelancer.user,
        rating=5,
        text="A clear brief, quick answers and prompt payment.",
    )
    page.goto(SERVICE)
    breakdown = page.locator(".aspect-bars")
    expect(breakdown).to_be_visible()
    expect(breakdown.get_by_role("row", name=ASPECTS[0].label)).to_contain_text("out of 5")
    assert not (violations := axe_violations(page)), describe(violations)
    assert fits_the_width(page)
