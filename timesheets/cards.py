"""The client's saved card: a Stripe SetupIntent confirmed in the browser by Stripe.js
(`confirmCardSetup`, with 3-D Secure when the bank asks), then recorded here by its id.

Saving a card also retries any week whose charge failed (`charging.retry_failed`).
"""

import uuid

from django.db import transaction
from django.utils import timezone

from messaging.models import Side
from payments import processor
from payments.processor import CardDeclined, CardSetup
from timesheets import charging, notifications
from timesheets.exceptions import HourlyRefused
from timesheets.locks import lock_contract
from timesheets.models import Contract, ContractState


def start_card_setup(*, contract: Contract, by) -> CardSetup:
    """A SetupIntent for the card form (the customer is created once per contract)."""
    _check_client(contract, by)
    if contract.state == ContractState.ENDED:
        raise HourlyRefused("This contract has ended.", code="contract_ended")
    if not contract.customer_id:
        with transaction.atomic():
            locked = lock_contract(contract.pk)
            if not locked.customer_id:
                locked.customer_id = processor.create_customer(
                    email=by.email, idempotency_key=f"hourly:{locked.pk}:customer"
                )
                locked.save(update_fields=["customer_id"])
            contract.customer_id = locked.customer_id
    return processor.create_card_setup(
        customer=contract.customer_id,
        metadata={"hourly_contract": str(contract.pk)},
        idempotency_key=f"hourly:{contract.pk}:setup:{uuid.uuid4().hex}",
        usage="off_session",
    )


def save_card(*, contract: Contract, by, setup_intent_id: str) -> Contract:
    """Record the card the browser saved through the SetupIntent `setup_intent_id`."""
    _check_client(contract, by)
    setup = processor.retrieve_card_setup(setup_intent_id)
    if setup.metadata.get("hourly_contract") != str(contract.pk):
        raise HourlyRefused("This card was set up for another contract.", code="invalid")
    if setup.status != "succeeded" or not setup.payment_method:
        raise CardDeclined("The card was not saved. Enter it again.")
    with transaction.atomic():
        locked = lock_contract(contract.pk)
        first = not locked.has_card
        locked.payment_method_id = setup.payment_method
        locked.card_saved_at = timezone.now()
        locked.save(update_fields=["payment_method_id", "card_saved_at"])
        if first:
            notifications.card_saved(contract=locked)
    charging.retry_failed(contract=locked)
    return locked


def _check_client(contract: Contract, user) -> None:
    side = contract.engagement.side_of(user)
    if side is None:
        raise HourlyRefused(
            "Only the client of this engagement saves its card.", code="not_participant"
        )
    if side != Side.CLIENT:
        raise HourlyRefused("Only the client saves the card.", code="wrong_side")
