"""Reconciliation: the books checked against themselves and against Stripe.

With itself: every transaction balances; no account that must stay positive is negative;
each milestone's escrow holds its amount while it is funded and nothing once it is settled,
dropped or unfunded; every payment recorded as paid has its funding in the ledger, for its
amount. With Stripe: every recorded card payment is a succeeded PaymentIntent of the same
amount and currency; the refunds Stripe holds for it are the ones recorded, for the same
amounts; and a recent attempt we hold as unpaid is not paid at Stripe. Demo rows
(`Processor.DEMO`) were never at Stripe and are compared with the books only.

And whatever the checks in `settings.RECONCILIATION_CHECKS` find (each hourly week's escrow
against its state). Returns the differences as sentences; `manage.py reconcile_payments`
prints them and exits non-zero, and the daily task emails them to staff.
"""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from ledger.models import NEVER_NEGATIVE, Account, AccountKind, Entry, Transaction
from money.currencies import from_minor_units
from payments import processor
from payments.exceptions import ProcessorUnavailable
from payments.models import HOLDING_STATES, Milestone, Payment, PaymentStatus, Processor, Refund

# Unpaid attempts younger than this are asked about at Stripe (a payment the browser made
# but nobody recorded); older ones were cancelled or abandoned long ago.
RECENT_ATTEMPTS = timedelta(days=7)


def reconcile(*, with_stripe: bool = True) -> list[str]:
    differences = _ledger_with_itself() + _milestones_with_escrow() + _payments_with_ledger()
    # The escrow of other items (hourly weeks) is checked by the app that owns them, named in
    # the settings so that this app needs none of them.
    for check in settings.RECONCILIATION_CHECKS:
        differences += import_string(check)()
    if with_stripe:
        try:
            differences += _with_stripe()
        except ProcessorUnavailable as unavailable:
            differences.append(f"Stripe could not be compared: {unavailable.message}")
    return differences


def _ledger_with_itself() -> list[str]:
    differences = [
        f"Transaction {posted.pk} ({posted.idempotency_key}) does not balance: its entries "
        f"sum to {posted.total}."
        for posted in Transaction.objects.unbalanced()
    ]
    differences += [
        f"Account {account.key} is overdrawn: {account.balance}."
        for account in Account.objects.filter(kind__in=NEVER_NEGATIVE)
        .with_balance()
        .filter(balance__lt=0)
        .order_by("pk")
    ]
    return differences


def _milestones_with_escrow() -> list[str]:
    return escrow_differences(Milestone.objects.all(), name="milestone", holding=HOLDING_STATES)


def escrow_differences(items, *, name: str, holding) -> list[str]:
    """Each escrowed item's account (`<name>:<pk>`) against its state: it holds the item's
    amount in a `holding` state and nothing in any other; and no such account holds money for
    no item. Milestones here; other apps' items (hourly weeks) through their own check."""
    escrow = dict(
        Account.objects.filter(kind=AccountKind.ESCROW, reference__startswith=f"{name}:")
        .with_balance()
        .values_list("reference", "balance")
    )
    differences = []
    for item in items.only("pk", "state", "amount", "currency").order_by("pk"):
        held = escrow.pop(item.ledger_reference, Decimal(0))
        expected = item.amount if item.state in holding else Decimal(0)
        if held != expected:
            differences.append(
                f"{name.capitalize()} {item.pk} is {item.state} but its escrow holds {held:.2f} "
                f"{item.currency} (expected {expected:.2f})."
            )
    differences += [
        f"Escrow account {reference} holds {held} for no {name}."
        for reference, held in sorted(escrow.items())
        if held
    ]
    return differences


def _payments_with_ledger() -> list[str]:
    fundings = defaultdict(Decimal)
    for key, amount in Entry.objects.filter(
        transaction__idempotency_key__startswith="funding:", amount__gt=0
    ).values_list("transaction__idempotency_key", "amount"):
        fundings[key.removeprefix("funding:")] += amount
    differences = []
    for payment in Payment.objects.filter(status=PaymentStatus.SUCCEEDED).order_by("pk"):
        recorded = fundings.pop(payment.payment_intent_id, None)
        if recorded != payment.amount:
            differences.append(
                f"Payment {payment.payment_intent_id} is paid ({payment.amount} "
                f"{payment.currency}) but the ledger's funding is {recorded}."
            )
    differences += [
        f"The ledger records a funding by {intent} that no paid payment explains."
        for intent in sorted(fundings)
    ]
    differences += [
        f"Payment {payment.payment_intent_id}: {payment.last_error}"
        for payment in Payment.objects.exclude(status=PaymentStatus.SUCCEEDED)
        .filter(last_error__startswith="Paid,")
        .order_by("pk")
    ]
    return differences


def _with_stripe() -> list[str]:
    differences = []
    recorded_refunds = defaultdict(dict)
    for refund in Refund.objects.select_related("payment"):
        recorded_refunds[refund.payment.payment_intent_id][refund.stripe_refund_id] = refund
    paid = Payment.objects.filter(status=PaymentStatus.SUCCEEDED, processor=Processor.STRIPE)
    for payment in paid.order_by("pk"):
        intent = processor.retrieve_payment_intent(payment.payment_intent_id)
        if intent.status != "succeeded":
            differences.append(
                f"Payment {intent.id} is recorded as paid but Stripe says {intent.status}."
            )
        if (intent.amount, intent.currency) != (payment.amount_minor, payment.currency):
            differences.append(
                f"Payment {intent.id} is recorded as {payment.amount_minor} {payment.currency} "
                f"but Stripe has {intent.amount} {intent.currency}."
            )
        ours = recorded_refunds.pop(intent.id, {})
        for at_stripe in processor.list_refunds(intent.id):
            refund = ours.pop(at_stripe.id, None)
            if refund is None:
                differences.append(
                    f"Stripe refunded {at_stripe.amount} {at_stripe.currency} of {intent.id} "
                    f"({at_stripe.id}) but the ledger has no such refund."
                )
            elif from_minor_units(at_stripe.amount, at_stripe.currency) != refund.amount:
                differences.append(
                    f"Refund {at_stripe.id} is {refund.amount} in the ledger but "
                    f"{at_stripe.amount} (minor units) at Stripe."
                )
        differences += [
            f"Refund {refund_id} is in the ledger but not at Stripe." for refund_id in ours
        ]
    since = timezone.now() - RECENT_ATTEMPTS
    unpaid = (
        Payment.objects.filter(processor=Processor.STRIPE, created_at__gte=since)
        .exclude(status=PaymentStatus.SUCCEEDED)
        .exclude(payment_intent_id=None)
    )
    for payment in unpaid.order_by("pk"):
        intent = processor.retrieve_payment_intent(payment.payment_intent_id)
        if intent.status == "succeeded":
            differences.append(
                f"Payment {intent.id} succeeded at Stripe but is not recorded as paid."
            )
    return differences
