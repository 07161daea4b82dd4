"""Accessibility checks for the browser tests (axe-core, bundled by axe-playwright-python)."""

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Error as PlaywrightError

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


WIDTHS = (390, 1280)
# Stripe.js's card field: an iframe of Stripe's in production; here localstripe's stand-in
# draws bare inputs. It is not ours to check.
NOT_OURS = ("#card-element",)


def assert_accessible(page) -> None:
    """No axe violations at a phone's width and a laptop's."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert not violations, f"at {width}px on {page.url}:\n{describe(violations)}"


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page for the WCAG 2.x A/AA rules and return its violations.

    The site sends a Content-Security-Policy header, so axe is evaluated in the page rather
    than added as a <script> tag (which the policy would block).
    """
    try:
        return _run_axe(page)
    except PlaywrightError:
        # A click that navigates can return before the next document exists, and the load
        # wait below passes on the old one; axe then finds no document. Check the page the
        # click led to.
        return _run_axe(page)


def _run_axe(page) -> list[dict]:
    page.wait_for_load_state()
    # Half a megabyte of script: compiled once per document, not again for its second width.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    # The "no-passes" reporter builds less (13 % of a run) but says nothing of how to fix a
    # violation: only a page that has one is checked again with the full report.
    violations = _axe_run(page, "no-passes")
    return _axe_run(page, "v1") if violations else []


def _axe_run(page, reporter: str) -> list[dict]:
    return page.evaluate(
        "([tags, exclude, reporter]) => axe.run({exclude: exclude.map(s => [s])}, {runOnly:"
        " {type: 'tag', values: tags}, resultTypes: ['violations'], reporter})",
        [AXE_TAGS, list(NOT_OURS), reporter],
    )["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)
