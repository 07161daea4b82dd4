"""The client's review window, disputes and the release of a charged week.

A charged week is `in_review` for REVIEW_WINDOW. Until then the client may dispute it (the
whole week or some entries, with a reason); otherwise `release_reviewed` (beat) pays the
amount less the platform fee to the freelancer's balance. Staff decide a dispute as they do a
milestone's: an amount back to the card, the rest released. Every step locks the week row
and checks its state under the lock: a release and a dispute racing have one winner.
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.recording import record
from messaging.models import Side
from money.currencies import round_to_currency, to_minor_units
from money.fees import fee_on
from payments import movements, processor
from payments.models import Processor, Receipt, Refund, RefundCause
from timesheets import completion, notifications
from timesheets.exceptions import HourlyRefused
from timesheets.locks import lock_week
from timesheets.models import TimeEntry, Week, WeekDispute, WeekState

W = WeekState


def open_dispute(
    *, week: Week, by, reason: str, entries: list[TimeEntry] | None = None
) -> WeekDispute:
    with transaction.atomic():
        locked = lock_week(week.pk)
        side = locked.engagement.side_of(by)
        if side is None:
            raise HourlyRefused(
                "Only the client of this engagement disputes its weeks.", code="not_participant"
            )
        if side != Side.CLIENT:
            raise HourlyRefused("Only the client disputes a week.", code="wrong_side")
        now = timezone.now()
        if locked.state != W.IN_REVIEW:
            raise HourlyRefused(
                f"The {locked.title.lower()} is {locked.get_state_display().lower()}: it "
                "cannot be disputed.",
                code="wrong_state",
            )
        if locked.review_ends_at <= now:
            raise HourlyRefused("The review window of this week is over.", code="review_closed")
        entries = entries or []
        if any(entry.week_id != locked.pk for entry in entries):
            raise HourlyRefused("Dispute entries of this week only.", code="invalid")
        dispute = WeekDispute.objects.create(week=locked, reason=reason.strip(), opened_at=now)
        dispute.entries.set(entries)
        locked.state = W.DISPUTED
        locked.disputed_at = now
        locked.save(update_fields=["state", "disputed_at"])
        notifications.dispute_opened(dispute=dispute)
        record(
            actor=by,
            action=Action.DISPUTE_OPENED,
            target=locked,
            subject=by,
            data={"week_dispute": dispute.pk, "week": locked.pk},
        )
    return dispute


def disputed_amount(dispute: WeekDispute) -> Decimal:
    """What the disputed entries cost (the whole week when none are named)."""
    week = dispute.week
    entries = list(dispute.entries.all())
    if not entries:
        return week.amount
    hours = sum((entry.hours for entry in entries), Decimal(0))
    return min(week.amount, round_to_currency(hours * week.hourly_rate, week.currency))


def resolve_dispute(
    *, dispute: WeekDispute, by, refund_amount: Decimal, note: str = ""
) -> WeekDispute:
    if not (by.is_authenticated and by.is_staff):
        raise HourlyRefused("Only staff decide disputes.", code="not_staff")
    with transaction.atomic():
        week = lock_week(dispute.week_id)
        locked = WeekDispute.objects.select_for_update().get(pk=dispute.pk)
        if not locked.is_open or week.state != W.DISPUTED:
            raise HourlyRefused("This dispute is decided already.", code="wrong_state")
        check_refund(week, refund_amount)
        locked.resolved_at = timezone.now()
        locked.resolved_by = by
        locked.refund_amount = refund_amount
        locked.resolution_note = note.strip()
        locked.save()
        settle(
            week=week,
            refund_amount=refund_amount,
            how="by staff's decision on the dispute"
            + (f" ({locked.resolution_note})" if locked.resolution_note else ""),
        )
        record(
            actor=by,
            action=Action.DISPUTE_RESOLVED,
            target=week,
            subject=week.engagement.client,
            data={"week_dispute": locked.pk, "refund": str(refund_amount)},
        )
    return locked


def check_refund(week: Week, amount: Decimal) -> None:
    if amount != round_to_currency(amount, week.currency) or not 0 <= amount <= week.amount:
        raise HourlyRefused(
            f"Refund between 0 and {week.amount}, in whole minor units (e.g. cents).",
            code="invalid",
        )


def release_reviewed(*, now: datetime | None = None) -> int:
    """Release every week whose review window closed without a dispute; returns how many.
    Each under its own lock, so a dispute sent at the same moment wins or loses cleanly."""
    now = now or timezone.now()
    released = 0
    for pk in list(Week.objects.due_for_release(now).values_list("pk", flat=True)):
        with transaction.atomic():
            week = lock_week(pk)
            if week.state != W.IN_REVIEW or week.review_ends_at > now:
                continue
            settle(week=week, refund_amount=Decimal(0), how="after the review window")
            released += 1
    return released


def settle(*, week: Week, refund_amount: Decimal, how: str) -> list[Receipt]:
    """Move the locked week's escrow: `refund_amount` to the card, the rest (less the fee)
    to the freelancer. Inside the caller's transaction."""
    release_amount = week.amount - refund_amount
    fee = (
        fee_on(release_amount, week.currency, percent=week.fee_percent)
        if release_amount
        else Decimal(0)
    )
    issued = []
    if refund_amount:
        issued.append(_refund_to_card(week, refund_amount))
    if release_amount:
        issued.append(movements.release(milestone=week, amount=release_amount, fee=fee))
    week.state = W.RELEASED if not refund_amount else (W.SPLIT if release_amount else W.REFUNDED)
    week.settled_at = timezone.now()
    week.released_amount = release_amount
    week.refunded_amount = refund_amount
    week.fee_amount = fee
    week.save(
        update_fields=[
            "state",
            "settled_at",
            "released_amount",
            "refunded_amount",
            "fee_amount",
        ]
    )
    notifications.week_settled(week=week, receipts=issued, how=how)
    completion.complete_if_done(week.contract)
    return issued


def _refund_to_card(week: Week, amount: Decimal) -> Receipt:
    payment = week.payment
    if payment.processor == Processor.DEMO:
        refund_id = f"re_demo_week_{week.pk}"
    else:
        refund_id = processor.create_refund(
            payment_intent_id=payment.payment_intent_id,
            amount_minor=to_minor_units(amount, week.currency),
            idempotency_key=f"refund:week:{week.pk}",
        ).id
    receipt = movements.refund(milestone=week, amount=amount, stripe_refund_id=refund_id)
    Refund.objects.create(
        payment=payment,
        milestone=None,
        stripe_refund_id=refund_id,
        amount=amount,
        currency=week.currency,
        cause=RefundCause.DISPUTE,
        transaction=receipt.transaction,
    )
    return receipt
