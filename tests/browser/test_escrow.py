"""Escrow in a real browser, against a local Stripe and its Stripe.js stand-in: the client
funds a milestone by card (a declined card first, which shows its message), the freelancer
submits files, the client releases, and the freelancer's earnings show the net amount.
Every page is checked with axe at 390 and 1280 px."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from payments import planning
from payments.models import Milestone
from payments.planning import MilestoneDraft
from tests.factories import EngagementFactory
from tests.local_servers import LocalStripe
from tests.support.browser import assert_accessible
from tests.upload_files import pdf_bytes

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture(scope="module")
def stripe_server():
    server = LocalStripe()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def escrow(transactional_db, settings, stripe_server, service, hiring_client):
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_browser"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_browser"
    settings.PLATFORM_FEE_PERCENT = Decimal("10")
    engagement = EngagementFactory(
        service=service,
        client=hiring_client,
        state="accepted",
        accepted_at=timezone.now(),
        quoted_amount=Decimal("250"),
        quote_basis="fixed",
    )
    freelancer = service.owner.user
    planning.propose_plan(
        engagement=engagement,
        by=freelancer,
        milestones=[MilestoneDraft("The first article", Decimal("250"))],
    )
    planning.accept_plan(engagement=engagement, by=hiring_client)
    return {"engagement": engagement, "client": hiring_client, "freelancer": freelancer}


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def pay_with(page, number: str) -> None:
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill(number)
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10115")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()


def test_a_milestone_is_funded_by_card_delivered_and_released(page, escrow):
    engagement = escrow["engagement"]

    # The client funds the milestone; a declined card first.
    sign_in(page, escrow["client"])
    page.goto(engagement.get_absolute_url())
    expect(page.get_by_text("Unfunded — the freelancer should not start yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Fund $250").click()
    expect(page.get_by_text("Test mode — use card 4242 4242 4242 4242")).to_be_visible()
    assert_accessible(page)
    pay_with(page, "4000000000000341")
    expect(page.get_by_role("alert")).to_have_text("Your card was declined.")
    assert_accessible(page)
    pay_with(page, "4242424242424242")
    expect(page.get_by_text("Paid: the money is held in escrow")).to_be_visible()
    expect(
        page.get_by_text("Funded — $250 is held in escrow until you release it.")
    ).to_be_visible()
    assert Milestone.objects.get().state == "funded"
    sign_out(page)

    # The freelancer is told to start, and submits the work with files.
    sign_in(page, escrow["freelancer"])
    page.goto(engagement.get_absolute_url())
    expect(page.get_by_text("Funded — start work.")).to_be_visible()
    page.get_by_role("link", name="Submit the work").click()
    assert_accessible(page)
    page.get_by_label("Message to the client").fill("The article, and its sources.")
    page.get_by_label("Files").set_input_files(
        [{"name": "article.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_role("button", name="Submit the work").click()
    expect(page.get_by_text("Work submitted: the client has been told.")).to_be_visible()
    sign_out(page)

    # The client downloads nothing here but sees the file, and releases the payment.
    sign_in(page, escrow["client"])
    page.goto(engagement.get_absolute_url())
    expect(page.get_by_role("link", name="article.pdf")).to_be_visible()
    page.locator(".milestone__actions").get_by_role("link", name="Release the payment").click()
    assert_accessible(page)
    page.get_by_role("button", name="Release the payment").click()
    expect(page.get_by_text("Payment released to the freelancer.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\$250 released to the freelancer"))).to_be_visible()
    sign_out(page)

    # The freelancer's earnings: $250 less the 10 % fee.
    sign_in(page, escrow["freelancer"])
    page.goto("/payments/earnings/")
    expect(page.locator(".earnings__available")).to_have_text("$225")
    assert_accessible(page)
