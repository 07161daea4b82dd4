"""Every movement of money, dispute decision and payout status change is on the audit trail
once: who (the signed-in person; nobody for the site's own tasks), when, what, from where."""

from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import Action, Event
from payments import delivery, disputes, payouts
from tests.payments.conftest import fund

pytestmark = pytest.mark.django_db


def trail() -> list[str]:
    """The money entries of the trail, oldest first (sign-ins and admin changes left out)."""
    money = Action.MILESTONE_FUNDED.label, Action.DISPUTE_RESOLVED.label
    names = Action.values[Action.labels.index(money[0]) : Action.labels.index(money[1]) + 1]
    return list(
        Event.objects.filter(action_name__in=names)
        .order_by("pk")
        .values_list("action_name", flat=True)
    )


def test_a_release_from_the_page_names_the_client_and_their_address(
    stripe, client, milestones, hiring_client, freelancer
):
    fund(stripe, milestones[1], hiring_client)
    delivery.submit_work(milestone=milestones[1], by=freelancer, message="Done.", files=[])
    client.force_login(hiring_client)
    release = reverse("payments:step", args=[milestones[1].pk, "release"])
    client.post(release, REMOTE_ADDR="203.0.113.9")
    released = Event.objects.get(action_name=Action.MONEY_RELEASED)
    assert (released.actor, released.subject, released.remote_addr) == (
        hiring_client,
        freelancer,
        "203.0.113.9",
    )
    assert released.additional_data["amount"] == "200.00"
    assert Event.objects.filter(action_name=Action.MILESTONE_FUNDED).count() == 1


def test_a_dispute_decision_and_a_payout_leave_one_entry_each(
    stripe, milestones, hiring_client, freelancer, staff
):
    fund(stripe, milestones[0], hiring_client)
    dispute = disputes.open_dispute(milestone=milestones[0], by=hiring_client, reason="Late.")
    disputes.answer_dispute(dispute=dispute, by=freelancer, answer="It was on time.")
    disputes.resolve_dispute(dispute=dispute, by=staff, refund_amount=Decimal("40.00"))
    payouts.save_payout_details(user=freelancer, account_holder="E", bank_details="IBAN")
    payout = payouts.request_payout(freelancer=freelancer, currency="USD", amount=Decimal("54"))
    payouts.mark_paid(payout=payout, by=staff)
    assert trail() == [
        Action.MILESTONE_FUNDED,
        Action.DISPUTE_OPENED,
        Action.MONEY_REFUNDED,
        Action.MONEY_RELEASED,
        Action.DISPUTE_RESOLVED,
        Action.PAYOUT_DETAILS_CHANGED,
        Action.PAYOUT_REQUESTED,
        Action.PAYOUT_PAID,
    ]
    resolved = Event.objects.get(action_name=Action.DISPUTE_RESOLVED)
    assert (resolved.actor, resolved.additional_data["refund"]) == (staff, "40.00")
