"""The weekly charge: after a week closes, its hours × rate go from the client's saved card
into escrow, off-session, exactly once.

Two steps, each under the week's row lock:

1. `_open_attempt` finds the week's open `payments.Payment` attempt or records one (the row,
   then a PaymentIntent whose idempotency key names that row), and commits it. From then on
   the attempt is on the books before any money moves.
2. `_charge` locks the week again, checks it still waits for a charge, reads the intent from
   Stripe (a crash after an earlier charge finds it succeeded), confirms it with the saved
   card if it is not paid yet, and records the funding in the ledger with the invoice
   (`payments.movements.fund`: key `funding:<intent>`), in one transaction.

Whatever runs it (two beat processes, a retried task, the client's retry), a second run
either waits for the lock and finds the week charged, or finds the open attempt and reads
its outcome from Stripe: no second intent, no second funding. A declined card (or one that
asks for authentication, which an off-session charge cannot answer) fails the attempt, marks
the week `charge_failed`, tells the client and pauses new time; a new card retries it.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from money.currencies import round_to_currency, to_minor_units
from payments import movements, processor
from payments.exceptions import ProcessorUnavailable
from payments.models import OPEN_PAYMENT_STATUSES, Payment, PaymentStatus, Processor
from payments.processor import CardDeclined, Intent
from timesheets import completion, notifications
from timesheets.exceptions import HourlyRefused
from timesheets.locks import lock_week
from timesheets.models import CHARGEABLE_STATES, REVIEW_WINDOW, Contract, Week, WeekState

logger = logging.getLogger(__name__)

W = WeekState
# What an off-session charge cannot get past without the client.
AUTHENTICATION_NEEDED = (
    "Your bank asks you to confirm this payment: save the card again on the timesheet page "
    "and confirm it there."
)


def charge_closed_weeks(*, now: datetime | None = None) -> int:
    """Charge every closed week not yet paid whose card has not failed since; returns how
    many were charged. Failed weeks wait for a new card (`retry_failed`)."""
    now = now or timezone.now()
    due = Week.objects.closed_and_unpaid(now).filter(state=W.OPEN).values_list("pk", flat=True)
    charged = 0
    for pk in list(due):
        try:
            if charge_week(week_pk=pk, now=now).state == W.IN_REVIEW:
                charged += 1
        except ProcessorUnavailable:
            logger.warning("Stripe unavailable: week %s is charged at the next run", pk)
        except HourlyRefused:
            continue  # charged meanwhile by another run
    return charged


def retry_failed(*, contract: Contract) -> list[Week]:
    """Charge again the contract's weeks whose charge failed (after a new card is saved)."""
    weeks = []
    for pk in contract.weeks.filter(state=W.CHARGE_FAILED).values_list("pk", flat=True):
        try:
            weeks.append(charge_week(week_pk=pk))
        except HourlyRefused:
            continue
    return weeks


def charge_week(*, week_pk: int, now: datetime | None = None) -> Week:
    """Charge one closed week (or close it with nothing to charge). Raises `HourlyRefused`
    (`wrong_state`) if it is not waiting for a charge."""
    now = now or timezone.now()
    payment = _open_attempt(week_pk, now)
    return _charge(week_pk, payment, now)


def _waiting(week: Week, now: datetime) -> None:
    if week.state not in CHARGEABLE_STATES:
        raise HourlyRefused(
            f"The {week.title.lower()} is {week.get_state_display().lower()}: it is not "
            "waiting for a charge.",
            code="wrong_state",
        )
    if week.closes_at > now:
        raise HourlyRefused(f"The {week.title.lower()} is still open.", code="wrong_state")


def _open_attempt(week_pk: int, now: datetime) -> Payment | None:
    with transaction.atomic():
        week = lock_week(week_pk)
        _waiting(week, now)
        contract = week.contract
        amount = round_to_currency(week.hours * week.hourly_rate, week.currency)
        if amount <= 0:
            week.state = W.NOTHING
            week.amount = amount
            week.save(update_fields=["state", "amount"])
            completion.complete_if_done(contract)
            return None
        if not contract.has_card:
            _fail_week(week, "No card is saved for the weekly charges.", amount=amount)
            return None
        payment = Payment.objects.filter(
            reference=week.ledger_reference, status__in=OPEN_PAYMENT_STATUSES
        ).first()
        if payment is None:
            payment = Payment.objects.create(
                milestone=None,
                reference=week.ledger_reference,
                client=contract.engagement.client,
                customer_id=contract.customer_id,
                amount_minor=to_minor_units(amount, week.currency),
                currency=week.currency,
            )
        if not payment.payment_intent_id:
            intent = processor.create_payment_intent(
                amount_minor=payment.amount_minor,
                currency=payment.currency,
                customer=payment.customer_id,
                metadata={"payment": str(payment.pk), "week": str(week.pk)},
                idempotency_key=f"payment:{payment.pk}",
            )
            payment.payment_intent_id = intent.id
            payment.save(update_fields=["payment_intent_id", "updated_at"])
    return payment


def _charge(week_pk: int, payment: Payment | None, now: datetime) -> Week:
    with transaction.atomic():
        week = lock_week(week_pk)
        if payment is None:  # nothing to charge, or no card: decided in the first step
            return week
        _waiting(week, now)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        intent = processor.retrieve_payment_intent(payment.payment_intent_id)
        if intent.status in ("requires_payment_method", "requires_confirmation"):
            if intent.error_message:
                return _fail_attempt(week, payment, intent.error_message)
            try:
                intent = processor.charge_saved_card(
                    payment_intent_id=payment.payment_intent_id,
                    payment_method=week.contract.payment_method_id,
                    key=f"payment:{payment.pk}:{week.contract.payment_method_id}",
                )
            except CardDeclined as declined:
                return _fail_attempt(week, payment, declined.message)
        if intent.status == "succeeded":
            return _record_charge(week, payment, intent, now)
        if intent.status == "requires_action":
            processor.cancel_payment_intent(payment.payment_intent_id)
            return _fail_attempt(week, payment, AUTHENTICATION_NEEDED)
        if intent.status == "canceled":
            return _fail_attempt(week, payment, intent.error_message or "The charge was cancelled.")
        # "processing": Stripe has not decided yet; the next run reads the outcome.
        return week


def record_demo_charge(*, week_pk: int, now: datetime | None = None) -> Week:
    """Demo data: a closed week's charge that never went to Stripe, recorded as a real one
    would be (`Processor.DEMO`: reconciliation compares it with the books only)."""
    now = now or timezone.now()
    with transaction.atomic():
        week = lock_week(week_pk)
        _waiting(week, now)
        amount = round_to_currency(week.hours * week.hourly_rate, week.currency)
        payment = Payment.objects.create(
            milestone=None,
            reference=week.ledger_reference,
            client=week.engagement.client,
            processor=Processor.DEMO,
            payment_intent_id=f"pi_demo_week_{week.pk}",
            amount_minor=to_minor_units(amount, week.currency),
            currency=week.currency,
        )
        paid = Intent(
            id=payment.payment_intent_id,
            status="succeeded",
            amount=payment.amount_minor,
            currency=payment.currency,
            client_secret="",
            error_message="",
            metadata={},
        )
        return _record_charge(week, payment, paid, now)


def _record_charge(week: Week, payment: Payment, intent: Intent, now: datetime) -> Week:
    if intent.amount != payment.amount_minor or intent.currency != payment.currency:
        logger.error("PaymentIntent %s does not match payment %s", intent.id, payment.pk)
        payment.last_error = "Stripe charged another amount than asked: see reconciliation."
        payment.save(update_fields=["last_error", "updated_at"])
        return week
    payment.status = PaymentStatus.SUCCEEDED
    payment.succeeded_at = now
    payment.last_error = ""
    payment.save()
    week.amount = payment.amount
    week.payment = payment
    week.fee_percent = settings.PLATFORM_FEE_PERCENT
    week.charged_at = now
    week.review_ends_at = now + REVIEW_WINDOW
    week.state = W.IN_REVIEW
    week.last_error = ""
    week.save()
    receipt = movements.fund(milestone=week, payment=payment, action=Action.HOURLY_WEEK_CHARGED)
    notifications.week_charged(week=week, receipt=receipt)
    return week


def _fail_attempt(week: Week, payment: Payment, message: str) -> Week:
    payment.status = PaymentStatus.FAILED
    payment.last_error = message[:300]
    payment.save(update_fields=["status", "last_error", "updated_at"])
    return _fail_week(week, message, amount=payment.amount)


def _fail_week(week: Week, message: str, *, amount) -> Week:
    week.state = W.CHARGE_FAILED
    week.amount = amount
    week.charge_failed_at = timezone.now()
    week.last_error = message[:300]
    week.save(update_fields=["state", "amount", "charge_failed_at", "last_error"])
    notifications.charge_failed(week=week)
    return week
