"""Playwright driving Debian's chromium against pytest-django's live server.

Playwright's own browser download does not work on these machines, so the browser is always
/usr/bin/chromium. Where it is missing the browser tests skip, saying why, unless
REQUIRE_BROWSER=1 (set by CI), which turns the skip into a failure.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Where browser tests written before the move to tests/support/ look for them.
from tests.support.browser import axe_violations, describe  # noqa: F401

# Sync Playwright runs an event loop in the test thread; Django's ORM calls from that thread
# (creating test data) are safe here because nothing else runs in it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# The features Playwright's launch disables (its chromiumSwitches.ts); tests/browser/
# test_launch.py fails when the pinned Playwright's list differs.
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
]
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium keeps only the last --disable-features it is given: Playwright's list, then
    # RenderDocument, whose fresh renderer frame for every navigation cost a fifth of each
    # page load's CPU (Chromium is a fifth of the whole suite's). No page can tell.
    "--disable-features=" + ",".join([*PLAYWRIGHT_DISABLED_FEATURES, "RenderDocument"]),
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but the browser is missing: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def demo_site(committed_once):
    """The whole demo, as `make run` serves it, committed for the live server."""
    committed_once("demo", lambda: call_command("load_demo", verbosity=0))


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
