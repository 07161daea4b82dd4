"""Disputes: either side of a funded milestone objects, with a reason; the other side has
DISPUTE_ANSWER_WINDOW to answer; staff then decide how the amount is split between a refund
to the client and a release to the freelancer (`settlement.settle`). While a dispute is open
nothing is released (not even automatically), refunded or submitted.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.recording import record
from payments import notifications
from payments.exceptions import PaymentRefused
from payments.locks import lock_milestone
from payments.models import (
    DISPUTE_ANSWER_WINDOW,
    Dispute,
    Milestone,
    MilestoneState,
    ProposalStatus,
    RefundCause,
)
from payments.settlement import check_refund_amount, check_settleable, settle, side_of


def open_dispute(*, milestone: Milestone, by, reason: str) -> Dispute:
    with transaction.atomic():
        locked = lock_milestone(milestone.pk)
        side = side_of(locked, by)
        check_settleable(locked, "disputed")
        now = timezone.now()
        dispute = Dispute.objects.create(
            milestone=locked,
            opened_by=side,
            reason=reason.strip(),
            opened_at=now,
            answer_due_at=now + DISPUTE_ANSWER_WINDOW,
        )
        locked.state = MilestoneState.DISPUTED
        locked.disputed_at = now
        locked.auto_release_at = None
        locked.save(update_fields=["state", "disputed_at", "auto_release_at"])
        locked.refund_proposals.filter(status=ProposalStatus.OPEN).update(
            status=ProposalStatus.WITHDRAWN, decided_at=now
        )
        notifications.dispute_opened(dispute=dispute)
        record(
            actor=by,
            action=Action.DISPUTE_OPENED,
            target=locked,
            subject=by,
            data={"dispute": dispute.pk, "milestone": locked.pk},
        )
    return dispute


def answer_dispute(*, dispute: Dispute, by, answer: str) -> Dispute:
    with transaction.atomic():
        locked_milestone = lock_milestone(dispute.milestone_id)
        side = side_of(locked_milestone, by)
        locked = Dispute.objects.select_for_update().get(pk=dispute.pk)
        locked.milestone = locked_milestone
        if side != locked.answering_side:
            raise PaymentRefused(
                f"You opened this dispute: the {locked.answering_side} answers it.",
                code="wrong_side",
            )
        if not locked.answer_window_open():
            raise PaymentRefused(
                "This dispute takes no answer now (answered already, decided, or its time to "
                "answer is over).",
                code="answer_window_closed",
            )
        locked.answer = answer.strip()
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_at"])
        notifications.dispute_answered(dispute=locked)
    return locked


def resolve_dispute(*, dispute: Dispute, by, refund_amount: Decimal, note: str = "") -> Dispute:
    """Staff split the milestone: `refund_amount` back to the client, the rest released."""
    if not (by.is_authenticated and by.is_staff):
        raise PaymentRefused("Only staff decide disputes.", code="not_staff")
    with transaction.atomic():
        locked_milestone = lock_milestone(dispute.milestone_id)
        locked = Dispute.objects.select_for_update().get(pk=dispute.pk)
        locked.milestone = locked_milestone
        if not locked.is_open:
            raise PaymentRefused("This dispute is decided already.", code="wrong_state")
        if not locked.is_ready_for_decision():
            raise PaymentRefused(
                "Wait for the other side's answer, or until "
                f"{locked.answer_due_at:%d %B %Y, %H:%M} UTC.",
                code="not_ready",
            )
        check_refund_amount(locked_milestone, refund_amount, allow_zero=True)
        locked.resolved_at = timezone.now()
        locked.resolved_by = by
        locked.refund_amount = refund_amount
        locked.release_amount = locked_milestone.amount - refund_amount
        locked.resolution_note = note.strip()
        locked.save()
        settle(
            locked=locked_milestone,
            refund_amount=refund_amount,
            how="by staff's decision on the dispute"
            + (f" ({locked.resolution_note})" if locked.resolution_note else ""),
            cause=RefundCause.DISPUTE,
        )
        record(
            actor=by,
            action=Action.DISPUTE_RESOLVED,
            target=locked_milestone,
            subject=locked_milestone.engagement.client,
            data={
                "dispute": locked.pk,
                "refund": str(refund_amount),
                "release": str(locked.release_amount),
                "currency": locked_milestone.currency,
            },
        )
    return locked
