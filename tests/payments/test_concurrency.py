"""Races on one milestone's money: twenty attempts at once, exactly one winner.

Each test prints what it measured (`-s` shows it): how many attempts won, how many were
refused and why."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction

from ledger.models import Transaction
from payments import delivery, disputes, funding, processor, refunds, settlement
from payments.exceptions import PaymentRefused
from payments.models import Milestone, MilestoneState, Payment, Receipt, Refund, StripeEvent
from payments.reconciliation import reconcile
from tests.payments.conftest import fund, save_card
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def outcome(results) -> Counter:
    return Counter(
        "won" if not isinstance(r, Exception) else getattr(r, "code", type(r).__name__)
        for r in results
    )


@pytest.fixture
def submitted(stripe, milestones, hiring_client, freelancer):
    milestone = milestones[0]
    fund(stripe, milestone, hiring_client)
    delivery.submit_work(milestone=milestone, by=freelancer, message="Done.", files=[])
    milestone.refresh_from_db()
    return milestone


def test_twenty_releases_of_one_milestone_release_it_once(submitted, hiring_client):
    results = run_concurrently(
        ATTEMPTS, lambda i: settlement.release(milestone=submitted, by=hiring_client)
    )
    measured = outcome(results)
    print(f"\n20 concurrent releases: {dict(measured)}")
    assert measured == {"won": 1, "wrong_state": ATTEMPTS - 1}
    assert Transaction.objects.filter(kind="release").count() == 1
    assert reconcile() == []


def test_release_refund_auto_release_and_dispute_racing_have_one_winner(
    submitted, hiring_client, freelancer
):
    proposal = refunds.propose_refund(milestone=submitted, by=hiring_client, amount=Decimal("30"))
    after_deadline = submitted.auto_release_at + timedelta(seconds=1)
    attempts = [
        lambda: settlement.release(milestone=submitted, by=hiring_client),
        lambda: refunds.accept_refund(proposal=proposal, by=freelancer),
        lambda: settlement.release_overdue(now=after_deadline) or _nothing_released(),
        lambda: disputes.open_dispute(milestone=submitted, by=freelancer, reason="Unpaid."),
    ]
    results = run_concurrently(ATTEMPTS, lambda i: attempts[i % len(attempts)]())
    measured = outcome(results)
    print(f"\n20 concurrent release/refund/auto-release/dispute: {dict(measured)}")
    assert measured["won"] == 1, measured
    submitted.refresh_from_db()
    settled_moves = Transaction.objects.filter(kind__in=["release", "refund"]).count()
    if submitted.state == MilestoneState.DISPUTED:
        assert settled_moves == 0
    else:
        assert submitted.state in (MilestoneState.RELEASED, MilestoneState.SPLIT)
        assert settled_moves == (1 if submitted.state == MilestoneState.RELEASED else 2)
    assert Refund.objects.count() == (1 if submitted.state == MilestoneState.SPLIT else 0)
    assert reconcile() == []


def _nothing_released():
    raise PaymentRefused("Released by someone else first.", code="wrong_state")


def test_twenty_fundings_of_one_milestone_open_one_payment_intent(
    stripe, milestones, hiring_client
):
    results = run_concurrently(
        ATTEMPTS, lambda i: funding.start_funding(milestone=milestones[1], by=hiring_client)
    )
    assert all(isinstance(r, funding.CardForm) for r in results), results
    intents = {r.payment.payment_intent_id for r in results}
    print(
        f"\n20 concurrent card forms: {len(intents)} PaymentIntent(s), "
        f"{Payment.objects.count()} payment row(s)"
    )
    assert len(intents) == 1 and Payment.objects.count() == 1


def test_concurrent_movements_get_consecutive_receipt_numbers_and_a_rollback_no_gap(
    stripe, agreed_plan, hiring_client
):
    for milestone in Milestone.objects.all():
        funding.record_demo_payment(milestone=milestone)
    funded = list(Milestone.objects.order_by("pk"))
    # A movement that rolls back after taking a number leaves no gap.
    with pytest.raises(RuntimeError), transaction.atomic():
        settlement.release(milestone=funded[0], by=hiring_client)
        raise RuntimeError("the database fails after the receipt was issued")
    results = run_concurrently(
        len(funded), lambda i: settlement.release(milestone=funded[i], by=hiring_client)
    )
    assert all(isinstance(r, Milestone) for r in results), results
    numbers = sorted(Receipt.objects.values_list("number", flat=True))
    print(f"\nreceipt numbers after {len(funded)} concurrent releases: {numbers}")
    assert numbers == list(range(1, len(numbers) + 1))


def test_twenty_deliveries_of_two_events_about_one_payment_record_it_once(
    stripe, milestones, hiring_client
):
    # The browser paid, and our server has not heard yet: only Stripe's events tell it.
    form = funding.start_funding(milestone=milestones[0], by=hiring_client)
    save_card(stripe, form)
    processor.charge_saved_card(
        payment_intent_id=form.payment.payment_intent_id,
        payment_method=processor.retrieve_card_setup(form.setup_intent_id).payment_method,
        key="browser",
    )
    results = run_concurrently(
        ATTEMPTS,
        lambda i: funding.record_payment(
            form.payment.payment_intent_id,
            event={"id": f"evt_race_{i % 2}", "type": "payment_intent.succeeded"},
        ),
    )
    print(f"\n20 concurrent deliveries of two events: {dict(outcome(results))}")
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert StripeEvent.objects.count() == 2
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.FUNDED
    assert reconcile() == []
