"""Races on one order: twenty attempts at once, exactly one winner. Each test prints what it
measured (`-s` shows it)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from engagements.models import Engagement
from ledger.models import Transaction
from orders import lateness, placing, requirements
from orders.models import Order
from payments import delivery, funding, settlement
from payments.exceptions import PaymentRefused
from payments.models import Milestone, MilestoneState, Payment
from payments.reconciliation import reconcile
from tests.orders.test_ordering import _answers
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def retried(work):
    """The attempt as a client makes it: a request that waited too long for one of the test
    pool's connections is a 503, which the client sends again."""
    for attempt in range(3):
        try:
            return work()
        except OperationalError:
            if attempt == 2:
                raise
            connection.close()
    return None


def outcome(results) -> Counter:
    return Counter(
        "won" if not isinstance(r, Exception) else getattr(r, "code", type(r).__name__)
        for r in results
    )


def test_twenty_purchases_with_one_key_place_one_order_and_open_one_payment(
    stripe, packaged, hiring_client
):
    retries = []

    def buy(i):
        # Twenty requests outnumber the test's connection pool: one that waits too long for a
        # connection is answered 503, and its client retries with the same key, as here.
        for attempt in range(3):
            try:
                order = placing.place_order(
                    service=packaged,
                    client=hiring_client,
                    tier=2,
                    add_on_ids=[],
                    request_key="once",
                )
                return funding.start_funding(milestone=order.milestone, by=hiring_client)
            except OperationalError:
                if attempt == 2:
                    raise
                retries.append(i)
                connection.close()

    results = run_concurrently(ATTEMPTS, buy)
    measured = outcome(results)
    intents = {r.payment.payment_intent_id for r in results if not isinstance(r, Exception)}
    print(
        f"\n20 concurrent purchases with one key: {dict(measured)}; {Order.objects.count()} "
        f"order(s), {Engagement.objects.count()} engagement(s), {Payment.objects.count()} "
        f"payment(s), {len(intents)} PaymentIntent(s); {len(retries)} retried after a pool "
        "timeout"
    )
    assert measured == {"won": ATTEMPTS}
    assert Order.objects.count() == Engagement.objects.count() == Milestone.objects.count() == 1
    assert Payment.objects.count() == 1 and len(intents) == 1


@pytest.fixture
def delivered(paid_order, hiring_client, freelancer, packaged):
    requirements.submit_requirements(order=paid_order, by=hiring_client, answers=_answers(packaged))
    delivery.submit_work(milestone=paid_order.milestone, by=freelancer, message="Done.", files=[])
    return Milestone.objects.get(pk=paid_order.milestone_id)


def test_accept_revision_and_auto_accept_racing_have_one_winner(delivered, hiring_client):
    """Of the first moves on a delivery (accept, revision, automatic acceptance) one wins.
    A revision may be followed by an acceptance (a client may accept work sent back), never
    by a second revision or a second release."""
    later = delivered.auto_release_at + timedelta(seconds=1)

    def auto_accept():
        if not settlement.release_overdue(now=later):
            raise PaymentRefused("Answered first.", code="wrong_state")
        return True

    kinds = ["accept", "revision", "auto"]
    attempts = {
        "accept": lambda: settlement.release(milestone=delivered, by=hiring_client),
        "revision": lambda: delivery.request_changes(
            milestone=delivered, by=hiring_client, note="Again."
        ),
        "auto": auto_accept,
    }
    results = run_concurrently(ATTEMPTS, lambda i: retried(attempts[kinds[i % 3]]))
    won = Counter(kinds[i % 3] for i, r in enumerate(results) if not isinstance(r, Exception))
    print(f"\n20 concurrent accept/revision/auto-accept: won {dict(won)}")
    delivered.refresh_from_db()
    assert won["revision"] <= 1 and won["accept"] + won["auto"] <= 1
    assert sum(won.values()) == 1 or (won["revision"] == 1 and won["accept"] == 1)
    assert delivered.revisions_used == won["revision"]
    released = Transaction.objects.filter(kind="release").count()
    assert released == won["accept"] + won["auto"]
    assert reconcile() == []


def test_a_late_cancel_and_a_delivery_racing_have_one_winner(
    paid_order, hiring_client, freelancer, packaged
):
    requirements.submit_requirements(order=paid_order, by=hiring_client, answers=_answers(packaged))
    Order.objects.filter(pk=paid_order.pk).update(due_at=timezone.now() - timedelta(hours=1))
    order = Order.objects.get(pk=paid_order.pk)
    attempts = [
        lambda: lateness.cancel_late_order(order=order, by=hiring_client),
        lambda: delivery.submit_work(
            milestone=order.milestone, by=freelancer, message="Late, sorry.", files=[]
        ),
    ]
    results = run_concurrently(ATTEMPTS, lambda i: retried(attempts[i % 2]))
    measured = outcome(results)
    print(f"\n20 concurrent late cancels/deliveries: {dict(measured)}")
    assert measured["won"] == 1, measured
    milestone = Milestone.objects.get(pk=order.milestone_id)
    assert milestone.state in (MilestoneState.REFUNDED, MilestoneState.SUBMITTED)
    assert Transaction.objects.filter(kind="refund").count() == (
        1 if milestone.state == MilestoneState.REFUNDED else 0
    )
    assert reconcile() == []
