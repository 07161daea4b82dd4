"""The layout on a phone (390 px) and a laptop (1280 px), measured in a real browser over the
demo marketplace: nothing wider than the screen, the results on a phone's first screen, the
job filters aligned, the home page selling on the first screen, and axe finding nothing."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from demo import seed
from jobs.models import JobPost
from tests.browser.test_browsing import sign_in
from tests.factories import UserFactory
from tests.support.browser import axe_violations, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SEED_URL = f"/services/{seed.SEED_SERVICE_SLUG}/"
# Every page a visitor can reach, and the pages of a signed-in client (the demo's) and of the
# staff: each is measured at both widths and checked by axe (the one sweep of the suite).
PUBLIC_PAGES = [
    "/",
    "/services/",
    "/services/?q=news+writing",
    "/services/?q=journalism",
    "/services/?min_rate=abc&sort=nonsense",
    "/categories/writing-translation/",
    "/categories/articles-news/",
    "/categories/legal/",
    "/services/news-writing-for-regional-and-online-outlets/",
    "/services/i-will-report-and-write-your-news-story/",
    SEED_URL,
    "/freelancers/amara-nwosu/",
    "/freelancers/elena-marsh/",
    "/freelancers/omar-haddad/",
    f"/freelancers/elena-marsh/samples/{seed.SEED_SERVICE_SLUG}/",
    "/jobs/",
    "/clients/sam-client/",
    "/reviews/about-ratings/",
    "/about/",
    "/how-it-works/",
    "/terms/",
    "/privacy/",
    "/contact/",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
]
CLIENT_PAGES = [
    "/dashboard/",
    "/engagements/",
    "/engagements/quote/news-writing-for-regional-and-online-outlets/",
    "/favourites/",
    "/jobs/new/",
    "/jobs/mine/",
]
STAFF_PAGES = ["/design/"]

# Elements wider than the screen, or reaching past its right edge, outside any box that
# scrolls or clips them (a row of chips that scrolls sideways is fine; the page is not).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(box).overflowX)) {
        return true;
      }
    }
    return false;
  };
  const wide = [], beyond = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const tag = element.tagName.toLowerCase();
    const name = `${tag}.${element.className} (${Math.round(box.right)} px)`;
    if (box.right > width + 1) {
      (box.width > 1 && !clipped(element) ? wide : beyond).push(name);
    }
  }
  const scrolls = document.documentElement.scrollWidth > width;
  // When the page scrolls sideways, name what reaches past its edge, clipped or not.
  return {scrolls, wide: wide.slice(0, 5), beyond: scrolls ? beyond.slice(0, 5) : []};
}"""


@pytest.fixture
def demo(demo_site):
    pass


def top_of(locator) -> float:
    return locator.bounding_box()["y"]


def check_fits(page, path: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(path)
    overflow = page.evaluate(OVERFLOWING)
    assert not overflow["scrolls"] and not overflow["wide"], (
        f"{path} at {viewport['width']} px is wider than the screen: {overflow}"
    )
    violations = axe_violations(page)
    assert not violations, f"axe on {path} at {viewport['width']} px:\n{describe(violations)}"


def test_no_page_is_wider_than_the_screen_and_axe_finds_nothing(page, live_server, demo):
    job = JobPost.objects.listed().first()
    for viewport in (PHONE, LAPTOP):
        for path in [*PUBLIC_PAGES, f"/jobs/{job.pk}/"]:
            check_fits(page, path, viewport)
    sign_in(page, live_server, User.objects.get(email=seed.CLIENT.email))
    for viewport in (PHONE, LAPTOP):
        for path in CLIENT_PAGES:
            check_fits(page, path, viewport)
    sign_in(page, live_server, User.objects.get(email=seed.STAFF.email))
    for viewport in (PHONE, LAPTOP):
        for path in STAFF_PAGES:
            check_fits(page, path, viewport)


@pytest.mark.parametrize(
    ("path", "first"),
    [
        ("/services/?q=news+writing", ".results .card"),
        ("/services/", ".results .card"),
        ("/categories/writing-translation/", ".results .card"),
        ("/jobs/", ".job-card"),
    ],
)
def test_the_first_result_is_on_the_first_screen_of_a_phone(page, demo, path, first):
    page.set_viewport_size(PHONE)
    page.goto(path)
    # The filters are folded away: the results come first.
    expect(page.locator(".filters > .disclosure__body")).to_be_hidden()
    assert top_of(page.locator(first).first) < PHONE["height"] - 100


def test_the_filters_open_with_one_tap_on_a_phone_and_stay_open_on_a_laptop(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/services/?q=news+writing")
    page.get_by_text("Filters and sorting").click()
    expect(page.get_by_label("Hourly rate from")).to_be_visible()
    page.set_viewport_size(LAPTOP)
    page.goto("/services/?q=news+writing")
    expect(page.get_by_label("Hourly rate from")).to_be_visible()


def test_the_job_filters_line_up_on_a_laptop(page, demo):
    page.set_viewport_size(LAPTOP)
    page.goto("/jobs/")
    first_row = [page.locator(f"#id_{name}") for name in ("category", "posted_within", "sort")]
    first_row.append(page.locator("#id_currency"))
    boxes = [control.bounding_box() for control in first_row]
    assert len({round(box["y"]) for box in boxes}) == 1, boxes
    assert len({round(box["height"]) for box in boxes}) == 1, boxes
    budgets = [page.locator(f"#id_{name}").bounding_box() for name in ("min_budget", "max_budget")]
    assert round(budgets[0]["y"]) == round(budgets[1]["y"])
    # The skills' long list has a row of its own: it stretches no other control's row.
    skills = page.get_by_role("group", name="Skills").bounding_box()
    assert skills["y"] > budgets[0]["y"] + budgets[0]["height"]
    labels = [
        page.locator(f"label[for=id_{name}]").bounding_box()["y"] for name in ("category", "sort")
    ]
    assert round(labels[0]) == round(labels[1])


def test_the_home_page_sells_the_marketplace_on_a_phone_s_first_screen(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/")
    fold = PHONE["height"]
    search = page.get_by_role("searchbox", name="What do you need done?")
    assert top_of(search) < fold
    tiles = page.locator(".category-tiles a")
    assert tiles.count() >= 4
    assert top_of(tiles.nth(3)) < fold
    all_categories = page.get_by_text("All categories")
    assert top_of(all_categories) < fold
    assert top_of(page.get_by_role("heading", name="Top rated services")) < fold

    # The search hint fits its box ("e.g. news writinc" once lost its last letters).
    room, needed = search.evaluate(
        """input => {
          const style = getComputedStyle(input);
          const context = document.createElement("canvas").getContext("2d");
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          const room = input.clientWidth - padding;
          return [room, context.measureText(input.placeholder).width];
        }"""
    )
    assert needed <= room, f"the hint needs {needed} px of {room}"

    # Counts stand apart from names ("Design & Art9" once).
    gaps = tiles.evaluate_all(
        """links => links.map(link =>
          link.querySelector(".chip__count").getBoundingClientRect().left
          - link.querySelector("span").getBoundingClientRect().right)"""
    )
    assert min(gaps) >= 4, gaps

    # The whole tree is one tap away.
    all_categories.click()
    expect(
        page.locator(".category-tree").get_by_role("link", name=re.compile("^Articles & News"))
    ).to_be_visible()
    assert "How hiring works" in page.locator("main").inner_text()


def test_the_header_keeps_to_one_line_and_shows_no_email_address(
    page, live_server, transactional_db
):
    user = UserFactory(
        first_name="",
        last_name="",
        email="a.rather.long.address.for.a.new.client@example-newsroom.org",
    )
    sign_in(page, live_server, user)
    page.set_viewport_size(LAPTOP)
    page.goto("/services/")
    header = page.locator(".site-header__inner")
    assert header.bounding_box()["height"] < 70
    assert "example-newsroom" not in header.inner_text()
    assert page.get_by_role("link", name="Dashboard").is_visible()


def test_get_a_quote_takes_one_click_when_signed_out(page, demo):
    for viewport, button in [
        (LAPTOP, page.locator(".service-header").get_by_role("link", name="Get a quote")),
        (PHONE, page.locator(".quote-bar").get_by_role("link", name="Get a quote")),
    ]:
        page.set_viewport_size(viewport)
        page.goto("/services/news-writing-for-regional-and-online-outlets/")
        button.click()
        expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fengagements%2Fquote%2F"))


def test_the_job_form_shows_the_fields_of_the_budget_chosen(page, live_server, demo):
    sign_in(page, live_server, User.objects.get(email=seed.CLIENT.email))
    page.set_viewport_size(LAPTOP)
    page.goto("/jobs/new/")
    page.get_by_label("Fixed price").check()
    expect(page.locator("#id_budget_amount")).to_be_visible()
    expect(page.locator("#id_hourly_min")).to_be_hidden()
    page.get_by_label("Per hour").check()
    expect(page.locator("#id_budget_amount")).to_be_hidden()
    for name in ("hourly_min", "hourly_max", "estimated_hours"):
        expect(page.locator(f"#id_{name}")).to_be_visible()
