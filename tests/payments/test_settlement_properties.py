"""Whatever a milestone's amount and however it is split, the books balance: the escrow ends
empty, the client's card, the freelancer's balance and the platform's fees add up to the
amount, the fee is the plan's rate rounded once, and reconciliation finds nothing."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.models import Account, AccountKind
from money.fees import fee_on
from payments import funding, planning, settlement
from payments.models import Milestone
from payments.planning import MilestoneDraft
from payments.reconciliation import reconcile

pytestmark = pytest.mark.django_db


@st.composite
def splits(draw):
    cents = draw(st.integers(min_value=100, max_value=100_000_000))
    refund = draw(st.integers(min_value=0, max_value=cents))
    percent = draw(st.sampled_from([Decimal(0), Decimal("2.5"), Decimal(10), Decimal("33.33")]))
    return Decimal(cents) / 100, Decimal(refund) / 100, percent


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(split=splits())
def test_any_split_of_any_amount_leaves_balanced_books(
    split, fixed_engagement, freelancer, hiring_client, settings
):
    amount, refund, percent = split
    with transaction.atomic():
        settings.PLATFORM_FEE_PERCENT = percent
        fixed_engagement.quoted_amount = amount
        fixed_engagement.save()
        planning.propose_plan(
            engagement=fixed_engagement, by=freelancer, milestones=[MilestoneDraft("All", amount)]
        )
        planning.accept_plan(engagement=fixed_engagement, by=hiring_client)
        milestone = Milestone.objects.get(engagement=fixed_engagement)
        funding.record_demo_payment(milestone=milestone)
        with transaction.atomic():
            locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
            settlement.settle(locked=locked, refund_amount=refund, how="in a test")
        balances = {
            kind: sum(a.balance for a in Account.objects.filter(kind=kind).with_balance())
            for kind in AccountKind.values
        }
        fee = fee_on(amount - refund, "USD", percent=percent) if amount - refund else 0
        assert balances[AccountKind.ESCROW] == 0
        assert balances[AccountKind.CLIENT_CARD] == -(amount - refund)
        assert balances[AccountKind.FREELANCER_BALANCE] == amount - refund - fee
        assert balances[AccountKind.PLATFORM_REVENUE] == fee
        assert reconcile(with_stripe=False) == []
        transaction.set_rollback(True)
