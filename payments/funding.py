"""Funding a milestone by card: the money goes from the client's card into escrow.

1. `start_funding` (the fund page, or `POST …/fund/`) finds the milestone's open payment
   attempt or opens one (a `Payment` row first, then a Stripe PaymentIntent created with an
   idempotency key named after that row, under the milestone's lock), and a SetupIntent for
   the card form. The amount is the milestone's, in minor units: never the browser's.
2. The browser saves the card with Stripe.js (`confirmCardSetup`; the card number goes to
   Stripe, never here), then `charge_card` charges it. A declined card ends the attempt with
   the card's message; a card that asks for 3-D Secure comes back for Stripe.js's
   `confirmCardPayment`.
3. `record_payment` records the PaymentIntent's final state, read from Stripe: the return
   page, the API's refresh and the `payment_intent.*` webhooks all call it, and it records a
   funding once (the payment row is locked, and the ledger key is the intent's id).
"""

import logging
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from messaging.models import Side
from money.currencies import to_minor_units
from payments import movements, notifications, processor
from payments.exceptions import PaymentRefused, ProcessorUnavailable
from payments.locks import lock_milestone
from payments.models import (
    OPEN_PAYMENT_STATUSES,
    Milestone,
    MilestonePlan,
    MilestoneState,
    Payment,
    PaymentStatus,
    Processor,
    StripeEvent,
)
from payments.processor import CardDeclined, Intent

logger = logging.getLogger(__name__)

# PaymentIntent states in which an attempt can still be paid with a new card.
_PAYABLE = {"requires_payment_method", "requires_confirmation"}


@dataclass(frozen=True)
class CardForm:
    """What the card form needs: the payment attempt and the secrets Stripe.js uses."""

    payment: Payment
    payment_client_secret: str
    setup_intent_id: str
    setup_client_secret: str
    publishable_key: str
    test_mode: bool


def why_not_fundable(milestone: Milestone) -> str | None:
    """Why the client cannot fund this milestone now, or None if they can."""
    if milestone.state != MilestoneState.PROPOSED:
        return f"This milestone is {milestone.get_state_display().lower()}: it takes no payment."
    plan = MilestonePlan.objects.filter(engagement_id=milestone.engagement_id).first()
    if plan is None or not plan.is_accepted:
        return "The milestone plan must be agreed by both sides before it is funded."
    if milestone.engagement.state != "accepted":
        return (
            f"This engagement is {milestone.engagement.get_state_display().lower()}: its "
            "milestones take no payment."
        )
    return None


def start_funding(*, milestone: Milestone, by) -> CardForm:
    """The card form for funding `milestone`: reuses the open attempt, or opens one."""
    _check_client(milestone, by)
    for _ in range(2):  # a stale attempt is closed once, then a fresh one is opened
        payment, intent = _open_attempt(milestone, by)
        if intent.status in _PAYABLE and not intent.error_message:
            break
        _close_stale(payment, intent)
    else:
        raise ProcessorUnavailable()
    setup = processor.create_card_setup(
        customer=payment.customer_id,
        metadata={"payment": str(payment.pk)},
        # A used SetupIntent cannot take another card: each form gets its own.
        idempotency_key=f"payment:{payment.pk}:setup:{uuid.uuid4().hex}",
    )
    return CardForm(
        payment=payment,
        payment_client_secret=intent.client_secret,
        setup_intent_id=setup.id,
        setup_client_secret=setup.client_secret,
        publishable_key=processor.publishable_key(),
        test_mode=processor.is_test_mode(),
    )


def charge_card(*, payment: Payment, setup_intent_id: str, by) -> Payment:
    """Charge the card the client has just saved through the form's SetupIntent."""
    milestone = payment.milestone
    if milestone is None:
        raise PaymentRefused("This payment's milestone no longer exists.", code="wrong_state")
    _check_client(milestone, by)
    if not payment.is_open:
        raise PaymentRefused(
            "This payment attempt is over: open the payment page again.", code="wrong_state"
        )
    setup = processor.retrieve_card_setup(setup_intent_id)
    if setup.metadata.get("payment") != str(payment.pk):
        raise PaymentRefused("This card was set up for another payment.", code="invalid")
    if setup.status != "succeeded" or not setup.payment_method:
        raise CardDeclined("The card was not saved. Enter it again.")
    try:
        intent = processor.charge_saved_card(
            payment_intent_id=payment.payment_intent_id,
            payment_method=setup.payment_method,
            key=f"payment:{payment.pk}:{setup.id}",
        )
    except CardDeclined as declined:
        _fail(payment, declined.message)
        raise
    return apply_intent(intent) or payment


def record_payment(payment_intent_id: str, *, event: dict | None = None) -> Payment | None:
    """Read the PaymentIntent from Stripe and record what it says (a funding at most once).

    `event`, a verified webhook event about it, is recorded in the same transaction: the
    same event again changes nothing. Returns the payment (None for an intent not ours, or
    an event already handled)."""
    if event is not None and StripeEvent.objects.filter(event_id=event["id"]).exists():
        return None
    return apply_intent(processor.retrieve_payment_intent(payment_intent_id), event=event)


def record_demo_payment(*, milestone: Milestone) -> Payment:
    """Demo data: a card payment that never went to Stripe, recorded as a real one would be
    (`Processor.DEMO`: reconciliation compares it with the books only)."""
    payment = Payment.objects.create(
        milestone=milestone,
        client=milestone.engagement.client,
        processor=Processor.DEMO,
        payment_intent_id=f"pi_demo_{milestone.pk}",
        amount_minor=to_minor_units(milestone.amount, milestone.currency),
        currency=milestone.currency,
    )
    succeeded = Intent(
        id=payment.payment_intent_id,
        status="succeeded",
        amount=payment.amount_minor,
        currency=payment.currency,
        client_secret="",
        error_message="",
        metadata={},
    )
    return apply_intent(succeeded)


def apply_intent(intent: Intent, *, event: dict | None = None) -> Payment | None:
    found = Payment.objects.filter(payment_intent_id=intent.id).first()
    with transaction.atomic():
        if event is not None:
            StripeEvent.objects.create(event_id=event["id"], type=event["type"])
        if found is None or found.reference:
            # Not ours, or another item's charge (an hourly week): its own workflow records
            # it, reading the intent from Stripe under its own lock.
            return None
        locked = lock_milestone(found.milestone_id) if found.milestone_id else None
        payment = Payment.objects.select_for_update().get(pk=found.pk)
        if payment.status == PaymentStatus.SUCCEEDED:
            return payment
        if intent.status == "succeeded":
            _record_success(payment, locked, intent)
        elif intent.status == "requires_action" and payment.is_open:
            payment.status = PaymentStatus.REQUIRES_ACTION
        elif intent.status == "canceled" or (intent.status in _PAYABLE and intent.error_message):
            payment.status = PaymentStatus.FAILED
            payment.last_error = (intent.error_message or "The payment was cancelled.")[:300]
        payment.save()
    return payment


def _record_success(payment: Payment, locked: Milestone | None, intent: Intent) -> None:
    if intent.amount != payment.amount_minor or intent.currency != payment.currency:
        logger.error("PaymentIntent %s does not match payment %s", intent.id, payment.pk)
        payment.last_error = "Stripe charged another amount than asked: see reconciliation."
        return
    waiting = (
        locked is not None
        and locked.state == MilestoneState.PROPOSED
        and not locked.payments.filter(status=PaymentStatus.SUCCEEDED).exists()
    )
    if not waiting:
        # Money arrived for a milestone that no longer takes it (dropped, or paid twice in
        # two tabs): it stays out of escrow, and reconciliation lists it for a refund.
        logger.error("PaymentIntent %s paid a milestone that was not waiting for it", intent.id)
        payment.last_error = "Paid, but the milestone was not waiting for a payment: refund it."
        return
    now = timezone.now()
    payment.status = PaymentStatus.SUCCEEDED
    payment.succeeded_at = now
    payment.last_error = ""
    receipt = movements.fund(milestone=locked, payment=payment)
    locked.state = MilestoneState.FUNDED
    locked.funded_at = now
    locked.save(update_fields=["state", "funded_at"])
    notifications.funded(milestone=locked, receipt=receipt)


def _open_attempt(milestone: Milestone, client) -> tuple[Payment, Intent]:
    with transaction.atomic():
        locked = lock_milestone(milestone.pk)
        if reason := why_not_fundable(locked):
            raise PaymentRefused(reason, code="not_fundable")
        payment = locked.payments.filter(status__in=OPEN_PAYMENT_STATUSES).first()
        if payment is None:
            payment = Payment.objects.create(
                milestone=locked,
                client=client,
                amount_minor=to_minor_units(locked.amount, locked.currency),
                currency=locked.currency,
            )
        if payment.payment_intent_id:
            intent = None
        else:
            # Stripe is asked under the milestone's lock: two tabs opening the form at once
            # share one attempt and one PaymentIntent.
            if not payment.customer_id:
                payment.customer_id = processor.create_customer(
                    email=client.email, idempotency_key=f"payment:{payment.pk}:customer"
                )
            intent = processor.create_payment_intent(
                amount_minor=payment.amount_minor,
                currency=payment.currency,
                customer=payment.customer_id,
                metadata={"payment": str(payment.pk), "milestone": str(locked.pk)},
                idempotency_key=f"payment:{payment.pk}",
            )
            payment.payment_intent_id = intent.id
            payment.save(update_fields=["customer_id", "payment_intent_id", "updated_at"])
    return payment, intent or processor.retrieve_payment_intent(payment.payment_intent_id)


def _close_stale(payment: Payment, intent: Intent) -> None:
    """An open attempt that can no longer take a card: record a success, or close it (a 3-D
    Secure check abandoned, a card declined in the browser) so that a new one opens."""
    if intent.status in ("succeeded", "processing"):
        apply_intent(intent)
        raise PaymentRefused(
            "This milestone has just been paid (or its payment is being processed).",
            code="not_fundable",
        )
    if intent.status not in ("canceled", *_PAYABLE):
        intent = processor.cancel_payment_intent(payment.payment_intent_id)
    _fail(payment, intent.error_message or "The payment was not completed.")


def _fail(payment: Payment, message: str) -> None:
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.is_open:
            locked.status = PaymentStatus.FAILED
            locked.last_error = message[:300]
            locked.save(update_fields=["status", "last_error", "updated_at"])
    payment.refresh_from_db()


def _check_client(milestone: Milestone, user) -> None:
    side = milestone.engagement.side_of(user)
    if side is None:
        raise PaymentRefused(
            "Only the client of this engagement can fund its milestones.",
            code="not_participant",
        )
    if side != Side.CLIENT:
        raise PaymentRefused("Only the client funds milestones.", code="wrong_side")
