"""The hourly tests' world: the local Stripe of the payments tests, Sam hiring Elena at
$40 an hour up to 10 hours a week (terms agreed, card saved), and helpers that do what the
browser and the calendar do."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import EngagementFactory
from tests.payments.conftest import (  # noqa: F401 (fixtures shared with the payments tests)
    DECLINED_CARD,
    GOOD_CARD,
    stripe,
    stripe_server,
)
from timesheets import calendar, cards, entries, terms
from timesheets.models import Contract, Week


@pytest.fixture
def hourly_engagement(service, hiring_client):
    return EngagementFactory(
        service=service,
        client=hiring_client,
        state="accepted",
        accepted_at=timezone.now(),
        quoted_amount=Decimal("40.00"),
        quote_basis="hourly",
        currency="USD",
    )


@pytest.fixture
def contract(hourly_engagement, freelancer, hiring_client):
    """Terms proposed by Elena ($40/h, 10 h a week, Berlin time) and accepted by Sam."""
    terms.propose_terms(
        engagement=hourly_engagement,
        by=freelancer,
        hourly_rate=Decimal("40.00"),
        weekly_limit=Decimal("10"),
        time_zone="Europe/Berlin",
    )
    terms.accept_terms(engagement=hourly_engagement, by=hiring_client)
    return Contract.objects.get(engagement=hourly_engagement)


@pytest.fixture
def carded(stripe, contract, hiring_client):  # noqa: F811 (the payments tests' fixture)
    """The contract with Sam's card saved."""
    save_card(stripe, contract, hiring_client)
    contract.refresh_from_db()
    return contract


def save_card(server, contract, client, number: str = GOOD_CARD):
    """What the card page does: a SetupIntent confirmed as Stripe.js's confirmCardSetup
    would, then recorded by the server."""
    setup = cards.start_card_setup(contract=contract, by=client)
    confirmed = server.post(
        f"/v1/setup_intents/{setup.id}/confirm",
        {
            "key": "pk_test_payments_tests",
            "use_stripe_sdk": True,
            "client_secret": setup.client_secret,
            "payment_method_data": {
                "type": "card",
                "card": {"number": number, "exp_month": "12", "exp_year": "2034", "cvc": "123"},
            },
        },
    )
    if confirmed.get("status") == "requires_action":
        server.post(
            f"/v1/setup_intents/{setup.id}/confirm",
            {"key": "pk_test_payments_tests", "client_secret": setup.client_secret},
        )
    return cards.save_card(contract=contract, by=client, setup_intent_id=setup.id)


def log(contract, freelancer, hours: str, *, days_ago: int = 0, description="Drafting"):
    """Log time today (or earlier this week, when the week allows)."""
    today = calendar.local_today(contract.time_zone)
    day = max(today - timedelta(days=days_ago), calendar.monday_of(today))
    return entries.log_time(
        contract=contract, by=freelancer, day=day, hours=Decimal(hours), description=description
    )


def close(week: Week) -> Week:
    """The calendar moves on: the week closed a minute ago."""
    Week.objects.filter(pk=week.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    week.refresh_from_db()
    return week
