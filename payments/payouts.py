"""Payouts: a freelancer asks to be paid part of their available balance (to the bank
details they keep here); staff export the requested payouts as CSV for their bank, pay them,
then mark each paid (the money leaves the books) or failed (it returns to the balance).

The request moves the money out of the available balance at once, under the balance's row
lock (`ledger.posting`), so two requests can never take more than the balance holds.
Automatic transfers (Stripe Connect) are not part of this: see README "Payments".
"""

import csv
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.recording import record
from ledger.posting import Overdrawn
from money.currencies import round_to_currency
from money.formatting import format_money
from payments import movements, notifications
from payments.exceptions import PaymentRefused
from payments.models import Payout, PayoutDetails, PayoutStatus

CSV_COLUMNS = [
    "payout",
    "requested_at",
    "currency",
    "amount",
    "account_holder",
    "bank_details",
    "freelancer_email",
]


@transaction.atomic
def save_payout_details(*, user, account_holder: str, bank_details: str) -> PayoutDetails:
    details, _ = PayoutDetails.objects.update_or_create(
        user=user,
        defaults={"account_holder": account_holder.strip(), "bank_details": bank_details.strip()},
    )
    # Where money goes is what a thief changes first: the trail says when and from where.
    record(actor=user, action=Action.PAYOUT_DETAILS_CHANGED, target=details, subject=user)
    return details


def request_payout(*, freelancer, currency: str, amount: Decimal) -> Payout:
    details = PayoutDetails.objects.filter(user=freelancer).first()
    if details is None:
        raise PaymentRefused(
            "Add your payout details (where the money goes) first.", code="no_payout_details"
        )
    if amount <= 0 or round_to_currency(amount, currency) != amount:
        raise PaymentRefused(
            f"Ask for a positive amount in whole {currency} minor units.", code="invalid"
        )
    try:
        with transaction.atomic():
            payout = Payout.objects.create(
                freelancer=freelancer,
                currency=currency,
                amount=amount,
                account_holder=details.account_holder,
                bank_details=details.bank_details,
            )
            movements.payout_requested(payout=payout)
    except Overdrawn as overdrawn:
        raise PaymentRefused(
            f"Your available balance is less than {format_money(amount, currency)}.",
            code="insufficient_balance",
        ) from overdrawn
    return payout


def mark_paid(*, payout: Payout, by, reference: str = "") -> Payout:
    with transaction.atomic():
        locked = _lock_requested(payout, by)
        locked.status = PayoutStatus.PAID
        locked.reference = reference.strip()
        _decide(locked, by)
        receipt = movements.payout_paid(payout=locked)
        notifications.payout_decided(payout=locked, receipt=receipt)
    return locked


def mark_failed(*, payout: Payout, by, reason: str) -> Payout:
    with transaction.atomic():
        locked = _lock_requested(payout, by)
        locked.status = PayoutStatus.FAILED
        locked.reference = reason.strip() or "The bank returned the payment."
        _decide(locked, by)
        movements.payout_failed(payout=locked)
        notifications.payout_decided(payout=locked)
    return locked


def write_requested_csv(stream) -> int:
    """The requested payouts, oldest first, as CSV for the bank; returns how many."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for payout in (
        Payout.objects.requested().select_related("freelancer").order_by("requested_at", "pk")
    ):
        writer.writerow(
            [
                payout.pk,
                payout.requested_at.isoformat(),
                payout.currency,
                f"{payout.amount}",
                _cell(payout.account_holder),
                _cell(payout.bank_details),
                _cell(payout.freelancer.email if payout.freelancer else ""),
            ]
        )
        count += 1
    return count


def _cell(text: str) -> str:
    # A cell a spreadsheet would run as a formula is written as text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _lock_requested(payout: Payout, by) -> Payout:
    if not (by.is_authenticated and by.is_staff):
        raise PaymentRefused("Only staff pay out.", code="not_staff")
    locked = (
        Payout.objects.select_for_update(of=("self",))
        .select_related("freelancer")
        .get(pk=payout.pk)
    )
    if locked.status != PayoutStatus.REQUESTED:
        raise PaymentRefused(
            f"This payout is {locked.get_status_display().lower()} already.", code="wrong_state"
        )
    return locked


def _decide(locked: Payout, by) -> None:
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "reference", "decided_at", "decided_by"])
