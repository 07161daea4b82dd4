"""Stripe's webhooks: verified by their signature, handled once per event id.

A `payment_intent.*` event makes us read the intent from Stripe and record its final state
(`funding.record_payment`), with the event's row in the same transaction; any other event is
only remembered. A forged or stale signature is refused (400); an event already handled is
acknowledged (200) and changes nothing, so Stripe stops sending it.
"""

from django.db import IntegrityError, transaction

from payments import processor
from payments.funding import record_payment
from payments.models import StripeEvent

PROCESSED, REPLAYED = "processed", "replayed"


def handle(payload: bytes, signature: str) -> str:
    """Handle one delivery; `ValueError` if it is not Stripe's."""
    event = processor.verify_webhook(payload, signature)
    if StripeEvent.objects.filter(event_id=event["id"]).exists():
        return REPLAYED
    try:
        if event["type"].startswith("payment_intent."):
            record_payment(event["data"]["object"]["id"], event=event)
        else:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event["id"], type=event["type"])
    except IntegrityError:  # the same event, delivered twice at once: the other one did it
        return REPLAYED
    return PROCESSED
