"""The interactive docs in a real browser: they render, and the site's policy blocks nothing."""

import pytest
from playwright.sync_api import expect

from tests.support.schema import published_schema

pytestmark = pytest.mark.browser
# Both UIs parse the whole schema before they show anything: 7-15 s with the suite running
# beside them on 2 cores, more on a busier machine.
RENDERING = 60_000
TAGS = {
    tag
    for operations in published_schema()["paths"].values()
    for operation in operations.values()
    for tag in operation["tags"]
}


def _open(page, url: str) -> list[str]:
    """Open `url` and return what the console reported as errors (CSP refusals among them)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(url)
    return problems


def test_swagger_ui_renders_every_section_of_the_schema(page):
    problems = _open(page, "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Freelance Commons API", timeout=RENDERING
    )
    expect(page.locator("button.authorize")).to_be_visible()
    # Swagger UI draws only the operations near the window (a virtual list): scroll through
    # it, noting each section drawn.
    page.mouse.move(600, 400)
    seen, scrolled = set(), -1
    while scrolled != page.evaluate("window.scrollY"):
        scrolled = page.evaluate("window.scrollY")
        ids = "Array.from(document.querySelectorAll('[id^=operations-tag-]')).map(e => e.id)"
        seen |= {tag.removeprefix("operations-tag-") for tag in page.evaluate(ids)}
        if page.locator("#operations-services-services_list").count():
            expect(page.locator("#operations-services-services_list")).to_be_visible()
            seen.add("services_list")
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(150)
    assert seen == TAGS | {"services_list"}
    assert problems == [], "\n".join(problems)


def test_redoc_renders_the_reference(page):
    problems = _open(page, "/api/redoc/")
    expect(page.locator("h1").first).to_contain_text("Freelance Commons API", timeout=RENDERING)
    expect(page.get_by_text("Search services").first).to_be_attached()
    # Not even ReDoc's footer logo is asked of its CDN, and the reference fills the window.
    assert problems == [], "\n".join(problems)
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
