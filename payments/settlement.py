"""Settling a funded milestone: its escrow goes to the freelancer (release), back to the
client's card (refund), or part each way (split, by agreement or by a dispute's decision).

Every settlement runs under the milestone's row lock and checks the state on the locked row:
a release, a refund, the automatic release and a dispute's decision racing on one milestone
have exactly one winner; the others find it settled and are refused (or skip, for the
periodic job). The refund goes to Stripe first, inside the transaction: if Stripe does not
answer, nothing changes here; if the database fails after Stripe refunded, the retry asks
Stripe again with the same idempotency key (Stripe answers with the same refund), and
reconciliation reports the refund that is at Stripe but not in the ledger until then.

When the last milestone of an engagement is settled (or dropped), the engagement completes
through `engagements.transitions.complete_paid_work`, so reviews open as for any work.
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from engagements.transitions import complete_paid_work
from messaging.models import Side
from money.currencies import round_to_currency, to_minor_units
from money.fees import fee_on
from payments import movements, notifications, processor
from payments.exceptions import PaymentRefused
from payments.locks import lock_milestone
from payments.models import (
    FINAL_STATES,
    SETTLED_STATES,
    Milestone,
    MilestoneState,
    PaymentStatus,
    Processor,
    ProposalStatus,
    Receipt,
    Refund,
    RefundCause,
)

S = MilestoneState


def release(*, milestone: Milestone, by) -> Milestone:
    """The client releases the whole amount to the freelancer (less the platform's fee)."""
    with transaction.atomic():
        locked = lock_milestone(milestone.pk)
        side = side_of(locked, by)
        if side != Side.CLIENT:
            raise PaymentRefused("Only the client releases the payment.", code="wrong_side")
        check_settleable(locked, "released")
        settle(locked=locked, refund_amount=Decimal(0), how="by the client's release")
    return locked


def release_overdue(*, now: datetime | None = None) -> int:
    """Release every submitted milestone whose client left it unanswered past its date;
    returns how many. Each is released under its own lock, so a client's release, refund or
    dispute at the same moment wins or loses cleanly, never doubles."""
    now = now or timezone.now()
    due = list(Milestone.objects.due_for_auto_release(now).values_list("pk", flat=True))
    released = 0
    for pk in due:
        with transaction.atomic():
            locked = lock_milestone(pk)
            if locked.state != S.SUBMITTED or locked.auto_release_at > now:
                continue  # answered meanwhile
            locked.released_automatically = True
            settle(locked=locked, refund_amount=Decimal(0), how="automatically")
            released += 1
    return released


def side_of(locked: Milestone, user) -> str:
    side = locked.engagement.side_of(user)
    if side is None:
        raise PaymentRefused(
            "Only the client and the freelancer of this engagement can do this.",
            code="not_participant",
        )
    return side


def check_settleable(locked: Milestone, verb: str) -> None:
    if locked.state == S.DISPUTED:
        raise PaymentRefused(
            f"This milestone is in dispute: it cannot be {verb} until staff decide.",
            code="disputed",
        )
    if not locked.is_settleable:
        raise PaymentRefused(
            f"This milestone is {locked.get_state_display().lower()}, so it cannot be {verb} now.",
            code="wrong_state",
        )


def check_refund_amount(milestone: Milestone, amount: Decimal, *, allow_zero: bool) -> None:
    """A refund is part or all of the milestone, in whole minor units of its currency."""
    if amount != round_to_currency(amount, milestone.currency):
        raise PaymentRefused(
            f"Give the amount in whole {milestone.currency} minor units (e.g. cents).",
            code="invalid",
        )
    if amount < 0 or (amount == 0 and not allow_zero) or amount > milestone.amount:
        raise PaymentRefused(
            f"The refund must be more than zero and at most {milestone.amount}.",
            code="invalid",
        )


def settle(*, locked: Milestone, refund_amount: Decimal, how: str, cause: str = "") -> list:
    """Move the locked milestone's escrow: `refund_amount` to the client's card, the rest to
    the freelancer's balance less the fee agreed in the plan. Inside the caller's
    transaction; the caller has checked who may do this and that the state allows it.
    Returns the receipts issued."""
    check_refund_amount(locked, refund_amount, allow_zero=True)
    release_amount = locked.amount - refund_amount
    plan = locked.engagement.milestone_plan
    fee = (
        fee_on(release_amount, locked.currency, percent=plan.fee_percent)
        if release_amount
        else Decimal(0)
    )
    issued: list[Receipt] = []
    if refund_amount:
        issued.append(_refund_to_card(locked, refund_amount, cause or RefundCause.AGREEMENT))
    if release_amount:
        issued.append(movements.release(milestone=locked, amount=release_amount, fee=fee))
    if not release_amount:
        locked.state = S.REFUNDED
    elif not refund_amount:
        locked.state = S.RELEASED
    else:
        locked.state = S.SPLIT
    locked.settled_at = timezone.now()
    locked.refunded_amount = refund_amount
    locked.released_amount = release_amount
    locked.fee_amount = fee
    locked.auto_release_at = None
    locked.save(
        update_fields=[
            "state",
            "settled_at",
            "refunded_amount",
            "released_amount",
            "fee_amount",
            "auto_release_at",
            "released_automatically",
        ]
    )
    locked.refund_proposals.filter(status=ProposalStatus.OPEN).update(
        status=ProposalStatus.WITHDRAWN, decided_at=locked.settled_at
    )
    notifications.settled(milestone=locked, receipts=issued, how=how)
    complete_engagement_if_done(locked)
    return issued


def _refund_to_card(locked: Milestone, amount: Decimal, cause: str) -> Receipt:
    payment = locked.payments.filter(status=PaymentStatus.SUCCEEDED).first()
    if payment is None:
        raise PaymentRefused("This milestone has no card payment to refund.", code="wrong_state")
    if payment.processor == Processor.DEMO:
        refund_id = f"re_demo_{locked.pk}"  # the demo's money was never at Stripe
    else:
        refund_id = processor.create_refund(
            payment_intent_id=payment.payment_intent_id,
            amount_minor=to_minor_units(amount, locked.currency),
            idempotency_key=f"refund:milestone:{locked.pk}",
        ).id
    receipt = movements.refund(milestone=locked, amount=amount, stripe_refund_id=refund_id)
    Refund.objects.create(
        payment=payment,
        milestone=locked,
        stripe_refund_id=refund_id,
        amount=amount,
        currency=locked.currency,
        cause=cause,
        transaction=receipt.transaction,
    )
    return receipt


def complete_engagement_if_done(milestone: Milestone) -> None:
    """Complete the engagement once each of its milestones is settled or dropped (and at
    least one was paid)."""
    states = set(
        Milestone.objects.filter(engagement_id=milestone.engagement_id).values_list(
            "state", flat=True
        )
    )
    if states and states <= FINAL_STATES and states & SETTLED_STATES:
        complete_paid_work(engagement=milestone.engagement)
