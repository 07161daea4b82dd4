"""A translator adds a language pair, a client searches by pair and prices a document, on a
phone (390 px) and a laptop (1280 px), with no WCAG A/AA violation and no sideways scroll."""

import pytest
from playwright.sync_api import expect

from profiles.models import Profile
from tests.browser import test_trust
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_trust import LAPTOP, PHONE, sign_in_as
from tests.engagements.test_word_counts import CORPUS

pytestmark = pytest.mark.browser
demo = test_trust.demo
TRANSLATION = "/services/french-to-english-translation-of-business-and-financial-documents/"


def check(page) -> None:
    assert not (violations := axe_violations(page)), describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_a_pair_is_added_searched_for_and_a_document_priced(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    ines = Profile.objects.get(slug="ines-moreau")
    sign_in_as(page, live_server, ines.user)
    page.goto("/dashboard/languages/")
    expect(page.get_by_text("French → English")).to_be_visible()
    check(page)
    # The picker is a text box with suggestions: typing a name is enough.
    page.get_by_label("From").fill("Italian")
    page.get_by_label("Into").fill("English")
    page.get_by_label("Legal").check()
    page.get_by_role("button", name="Add language pair").click()
    expect(page.get_by_text("IT → EN is on your profile.")).to_be_visible()
    check(page)

    page.context.clear_cookies()
    page.goto("/services/?source=fr&target=en")
    expect(
        page.get_by_role("link", name="French to English translation of business")
    ).to_be_visible()
    if viewport == PHONE:
        page.get_by_text("Filters and sorting").click()
    expect(page.get_by_label("Translating from")).to_have_value("fr")
    check(page)

    page.goto(TRANSLATION)
    expect(page.get_by_text("€0.12/word").first).to_be_visible()
    page.get_by_role("link", name="Instant quote from your document").click()
    page.get_by_label("Your document").set_input_files(str(CORPUS / "fr_article.pdf"))
    check(page)
    page.get_by_role("button", name="See the price").click()
    # A PDF is counted by a task: without a broker it has run by the time the page shows.
    expect(page.get_by_text("86", exact=True)).to_be_visible()
    expect(page.get_by_text("€40").first).to_be_visible()  # 86 × €0.12 is under the minimum
    expect(page.get_by_role("link", name="Request this quote")).to_be_visible()
    check(page)
