"""The payments tests' world: a real local Stripe (localstripe) for the whole session, the
cast's fixed-price engagement, and helpers that do what a browser does with Stripe.js."""

from decimal import Decimal

import pytest
from django.utils import timezone

from payments import funding, planning
from payments.models import Milestone
from payments.planning import MilestoneDraft
from tests.factories import EngagementFactory
from tests.local_servers import LocalStripe

WEBHOOK_SECRET = "whsec_tests_secret"
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"  # saved fine, declined when charged
THREE_D_SECURE_CARD = "4000002500003155"


@pytest.fixture(scope="session")
def stripe_server():
    server = LocalStripe()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def stripe(settings, stripe_server):
    """Settings pointing the site at the local Stripe, as `make run` does."""
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_payments_tests"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_payments_tests"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PLATFORM_FEE_PERCENT = Decimal("10")
    return stripe_server


@pytest.fixture
def fixed_engagement(service, hiring_client):
    """Sam hired Elena for $300, fixed price; the engagement is accepted."""
    return EngagementFactory(
        service=service,
        client=hiring_client,
        state="accepted",
        accepted_at=timezone.now(),
        quoted_amount=Decimal("300.00"),
        quote_basis="fixed",
        currency="USD",
    )


@pytest.fixture
def agreed_plan(fixed_engagement, freelancer, hiring_client, settings):
    """Two milestones, $100 and $200, proposed by Elena and accepted by Sam."""
    settings.PLATFORM_FEE_PERCENT = Decimal("10")
    planning.propose_plan(
        engagement=fixed_engagement,
        by=freelancer,
        milestones=[
            MilestoneDraft("Outline and sources", Decimal("100.00"), revisions_allowed=1),
            MilestoneDraft("The article", Decimal("200.00"), revisions_allowed=2),
        ],
    )
    return planning.accept_plan(engagement=fixed_engagement, by=hiring_client)


@pytest.fixture
def milestones(agreed_plan):
    return list(Milestone.objects.filter(engagement=agreed_plan.engagement).order_by("position"))


def save_card(server: LocalStripe, form: funding.CardForm, number: str = GOOD_CARD) -> dict:
    """What Stripe.js's `confirmCardSetup` does in the browser: the card goes to Stripe (and
    a card that asks for 3-D Secure is authenticated, as the person would)."""
    saved = server.post(
        f"/v1/setup_intents/{form.setup_intent_id}/confirm",
        {
            "key": form.publishable_key,
            "use_stripe_sdk": True,
            "client_secret": form.setup_client_secret,
            "payment_method_data": {
                "type": "card",
                "card": {"number": number, "exp_month": "12", "exp_year": "2034", "cvc": "123"},
            },
        },
    )
    if saved.get("status") == "requires_action":
        saved = server.post(
            f"/v1/setup_intents/{form.setup_intent_id}/confirm",
            {"key": form.publishable_key, "client_secret": form.setup_client_secret},
        )
    return saved


def authenticate(server: LocalStripe, payment, client_secret: str, *, success: bool = True):
    """What Stripe.js's `confirmCardPayment` does for a card that asks for 3-D Secure."""
    return server.post(
        f"/v1/payment_intents/{payment.payment_intent_id}/_authenticate"
        f"?success={'true' if success else 'false'}",
        {"key": "pk_test", "client_secret": client_secret},
    )


def fund(server: LocalStripe, milestone, client, number: str = GOOD_CARD):
    """The client funds the milestone through the card form, as a browser would."""
    form = funding.start_funding(milestone=milestone, by=client)
    save_card(server, form, number)
    return funding.charge_card(
        payment=form.payment, setup_intent_id=form.setup_intent_id, by=client
    )
