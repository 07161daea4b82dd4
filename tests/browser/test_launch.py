"""The browser the tests launch keeps every feature switch Playwright's own launch sets."""

import re
from pathlib import Path

import playwright

from tests.browser.conftest import PLAYWRIGHT_DISABLED_FEATURES

BUNDLE = Path(playwright.__file__).parent / "driver/package/lib/coreBundle.js"


def test_the_disabled_features_are_playwrights_own_list():
    # Chromium keeps only the last --disable-features: ours replaces Playwright's, so it must
    # repeat it (conftest.py).
    source = BUNDLE.read_text()
    listing = re.search(r"disabledFeatures = \[(.*?)\]", source, re.DOTALL)
    assert listing, f"Playwright's list of disabled features is no longer in {BUNDLE}"
    without_comments = re.sub(r"//[^\n]*", "", listing.group(1))
    assert re.findall(r'"([^"]+)"', without_comments) == PLAYWRIGHT_DISABLED_FEATURES
