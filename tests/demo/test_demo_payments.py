"""The demo shows escrow in every state without any Stripe: milestones funded, submitted,
released, refunded and in dispute, the freelancer's balance and a paid payout, all in books
that reconcile."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import seed
from ledger.models import Transaction
from payments import balances
from payments.models import Milestone, Payment, Payout
from payments.reconciliation import reconcile

pytestmark = pytest.mark.django_db


def test_the_demo_has_milestones_in_every_state_and_books_that_reconcile(client, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_API_BASE = ""  # no Stripe at all
    call_command("load_demo", verbosity=0)
    # The demo engagement's milestones (each demo order has one more: test_demo_orders.py).
    demo_engagement = Milestone.objects.filter(order__isnull=True)
    assert sorted(demo_engagement.values_list("state", flat=True)) == [
        "disputed",
        "funded",
        "proposed",
        "refunded",
        "released",
        "submitted",
    ]
    assert set(Payment.objects.values_list("processor", flat=True)) == {"demo"}
    (usd,) = balances.balances_of(Payout.objects.get().freelancer)
    # $300 released less the 10 % fee, $100 of it paid out; three milestones in escrow. The
    # demo's hourly week paid to the freelancer adds $213.75 less its fee ($192.37); its
    # weeks in dispute (19.75 h, $296.25) and in review (10.75 h, $161.25) are pending too.
    assert (usd.available, usd.paid_out, usd.pending) == (
        Decimal("362.37"),
        Decimal("100.00"),
        Decimal("900.00") + Decimal("296.25") + Decimal("161.25"),
    )
    assert reconcile() == []
    assert client.login(email=seed.FREELANCER.email, password=seed.FREELANCER.password)
    assert "$362.37" in client.get(reverse("payments:earnings")).content.decode()

    moves = Transaction.objects.count()
    call_command("load_demo", verbosity=0)
    assert Transaction.objects.count() == moves
