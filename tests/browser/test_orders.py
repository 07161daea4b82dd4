"""Buying a package in a real browser, against a local Stripe and its Stripe.js stand-in: the
client compares the packages, picks one with an add-on, pays by card, answers the questions;
the freelancer delivers with a file; the client asks for a revision, then accepts. Every page
is checked with axe at 390 and 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from orders import placing, requirements
from orders.models import Order
from services.models import PackageTier
from tests.browser.test_escrow import assert_accessible, pay_with, sign_in, sign_out
from tests.local_servers import LocalStripe
from tests.orders.test_ordering import _answers
from tests.packages_world import add_packages
from tests.payments.conftest import fund
from tests.upload_files import pdf_bytes

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def stripe_server():
    server = LocalStripe()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def shop(transactional_db, settings, stripe_server, service, hiring_client):
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_browser"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_browser"
    add_packages(service)
    return {
        "service": service,
        "client": hiring_client,
        "freelancer": service.owner.user,
        "stripe": stripe_server,
    }


def test_a_package_is_bought_answered_delivered_revised_and_accepted(page, shop):
    service = shop["service"]

    # The freelancer's packages page.
    sign_in(page, shop["freelancer"])
    page.goto(f"/dashboard/services/{service.slug}/packages/")
    expect(page.get_by_role("heading", name=re.compile("Packages for"))).to_be_visible()
    assert_accessible(page)
    page.goto(f"/dashboard/services/{service.slug}/questions/")
    assert_accessible(page)
    sign_out(page)

    # The client compares, picks Standard with proofreading, and sees the total.
    sign_in(page, shop["client"])
    page.goto(service.get_absolute_url())
    expect(page.get_by_role("table")).to_contain_text("1,000-word article")
    assert_accessible(page)
    page.get_by_role("radio", name=re.compile("Standard")).check()
    page.get_by_role("checkbox", name=re.compile("Proofreading")).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".facts")).to_contain_text("$105")
    assert_accessible(page)
    page.get_by_role("button", name="Continue to payment").click()
    pay_with(page, "4242424242424242")
    expect(page.get_by_text("Paid: the money is held in escrow")).to_be_visible()

    # The questions start the clock.
    page.get_by_role("link", name="Answer the questions to start").click()
    assert_accessible(page)
    page.get_by_label("What is the topic?").fill("The budget vote")
    page.get_by_role("radio", name="Friendly").check()
    page.get_by_role("button", name="Send and start the order").click()
    expect(page.get_by_text("the freelancer has your answers")).to_be_visible()
    expect(page.locator("#order")).to_contain_text("In progress")
    assert_accessible(page)
    sign_out(page)

    # The freelancer delivers with a file.
    order = Order.objects.get()
    sign_in(page, shop["freelancer"])
    page.goto(order.engagement.get_absolute_url())
    expect(page.locator("#order")).to_contain_text("The budget vote")
    page.get_by_role("link", name="Submit the work").click()
    page.get_by_label("Message to the client").fill("The article.")
    page.get_by_label("Files").set_input_files(
        [{"name": "article.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_role("button", name="Submit the work").click()
    sign_out(page)

    # The client asks for a revision.
    sign_in(page, shop["client"])
    page.goto(order.engagement.get_absolute_url())
    expect(page.locator("#order")).to_contain_text("Delivered")
    page.locator(".milestone__actions").get_by_role("link", name="Request changes").click()
    page.get_by_label("What should change?").fill("A shorter opening.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator("#order")).to_contain_text("Revision requested")
    sign_out(page)

    # The freelancer delivers again; the client accepts.
    sign_in(page, shop["freelancer"])
    page.goto(order.engagement.get_absolute_url())
    page.get_by_role("link", name="Submit the revised work").click()
    page.get_by_label("Message to the client").fill("Shorter now.")
    page.get_by_role("button", name="Submit the work").click()
    sign_out(page)
    sign_in(page, shop["client"])
    page.goto(order.engagement.get_absolute_url())
    page.locator(".milestone__actions").get_by_role("link", name="Release the payment").click()
    page.get_by_role("button", name="Release the payment").click()
    expect(page.get_by_text("Payment released to the freelancer.")).to_be_visible()
    expect(page.locator("#order")).to_contain_text("Completed")
    assert_accessible(page)


def test_extras_are_offered_accepted_paid_and_declined(page, shop):
    """During the work the freelancer offers a paid add-on, which the client accepts and pays
    into escrow, then more time, which the client declines."""
    order = placing.place_order(
        service=shop["service"],
        client=shop["client"],
        tier=PackageTier.STANDARD,
        add_on_ids=[],
        request_key="browser-extras",
    )
    fund(shop["stripe"], order.milestone, shop["client"])
    requirements.submit_requirements(
        order=Order.objects.get(), by=shop["client"], answers=_answers(shop["service"])
    )
    order_url = order.engagement.get_absolute_url()

    sign_in(page, shop["freelancer"])
    page.goto(order_url)
    expect(page.locator("details.offer-extra")).to_have_attribute("open", "")  # the first
    assert_accessible(page)
    page.get_by_label("What you offer").select_option("add_on")
    page.get_by_label("Description").fill("A second article")
    page.get_by_label("Price (USD)").fill("40")
    page.get_by_role("button", name="Send the offer").click()
    expect(page.locator(".order-extras")).to_contain_text("Waiting for the client’s answer")
    sign_out(page)

    sign_in(page, shop["client"])
    page.goto(order_url)
    extras_section = page.locator(".order-extras")
    expect(extras_section).to_contain_text("A second article")
    assert_accessible(page)
    extras_section.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_text("Accepted: the order is updated.")).to_be_visible()
    page.locator(".order-extras").get_by_role("link", name=re.compile("into escrow")).click()
    pay_with(page, "4242424242424242")
    expect(page.get_by_text("Paid: the money is held in escrow")).to_be_visible()
    sign_out(page)

    sign_in(page, shop["freelancer"])
    page.goto(order_url)
    page.locator("details.offer-extra summary").click()  # closed once there are extras
    page.get_by_label("What you offer").select_option("extension")
    page.get_by_label("Description").fill("Two more days for the interviews")
    page.get_by_label("Days added to the due date").fill("2")
    page.get_by_role("button", name="Send the offer").click()
    sign_out(page)

    sign_in(page, shop["client"])
    page.goto(order_url)
    page.locator(".order-extras").get_by_role("button", name="Decline").click()
    expect(page.get_by_text("Declined: the freelancer is told.")).to_be_visible()
    expect(page.locator(".order-extras")).to_contain_text("declined")
    assert_accessible(page)
