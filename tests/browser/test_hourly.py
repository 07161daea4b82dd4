"""Hourly work in a real browser, against a local Stripe and its Stripe.js stand-in: the
sides agree the terms, the client saves a card with confirmCardSetup, the freelancer logs a
week (a bad entry first, which shows its field error and keeps the input), the week is
charged and the client sees its invoice. Every page is checked with axe at 390 and 1280 px."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_escrow import assert_accessible, sign_in, sign_out, stripe_server  # noqa: F401
from tests.factories import EngagementFactory
from timesheets import charging
from timesheets.models import Contract, Week

pytestmark = pytest.mark.browser


@pytest.fixture
def hourly(transactional_db, settings, stripe_server, service, hiring_client):  # noqa: F811
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_browser"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_browser"
    settings.PLATFORM_FEE_PERCENT = Decimal("10")
    engagement = EngagementFactory(
        service=service,
        client=hiring_client,
        state="accepted",
        accepted_at=timezone.now(),
        quoted_amount=Decimal("30"),
        quote_basis="hourly",
    )
    return {"engagement": engagement, "client": hiring_client, "freelancer": service.owner.user}


def save_card_with(page, number: str) -> None:
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill(number)
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10115")
    page.get_by_role("button", name="Save the card").click()


def test_terms_a_saved_card_and_a_logged_week(page, hourly):
    engagement = hourly["engagement"]
    timesheet = f"/hourly/engagements/{engagement.pk}/"

    # The freelancer proposes the terms, in their time zone.
    sign_in(page, hourly["freelancer"])
    page.goto(engagement.get_absolute_url())
    page.get_by_role("link", name="Open the timesheet").click()
    assert_accessible(page)
    page.get_by_label("Hourly rate").fill("30")
    page.get_by_label("Weekly limit (hours)").fill("12")
    page.get_by_label("The freelancer's time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_text("Terms proposed")).to_be_visible()
    sign_out(page)

    # The client accepts them and saves a card.
    sign_in(page, hourly["client"])
    page.goto(timesheet)
    page.get_by_role("button", name="Accept the terms").click()
    expect(page.get_by_text("Save a card before the first week starts")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Save a card").click()
    expect(page.get_by_text("Test mode — use card 4242 4242 4242 4242")).to_be_visible()
    assert_accessible(page)
    save_card_with(page, "4242424242424242")
    expect(page.get_by_text("Card saved: each week's hours are charged to it.")).to_be_visible()
    assert Contract.objects.get().has_card
    sign_out(page)

    # The freelancer logs time; an entry in tenths of an hour is a field error.
    sign_in(page, hourly["freelancer"])
    page.goto(timesheet)
    page.get_by_label("Hours:", exact=True).fill("1.1")
    page.get_by_label("What was done").fill("Research and interviews")
    page.get_by_role("button", name="Log time").click()
    expect(page.locator(".field__error").first).to_be_visible()
    expect(page.get_by_label("What was done")).to_have_value("Research and interviews")
    assert_accessible(page)
    page.get_by_label("Hours:", exact=True).fill("3.25")
    page.get_by_role("button", name="Log time").click()
    expect(page.get_by_text("Time logged.", exact=True)).to_be_visible()
    expect(page.get_by_text("3.25 of 12 hours logged")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The week closes and is charged; the client sees the invoice and may dispute.
    week = Week.objects.get()
    Week.objects.filter(pk=week.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert charging.charge_closed_weeks() == 1
    sign_in(page, hourly["client"])
    page.goto(f"/hourly/weeks/{week.pk}/")
    expect(
        page.get_by_role("link", name=re.compile(r"R-\d{6} \(payment into escrow\)"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Dispute this week")).to_be_visible()
    assert_accessible(page)
