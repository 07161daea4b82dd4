"""The hourly weeks' escrow checked against their states (payments' reconciliation checks
the payments, refunds and Stripe; this checks what only this app knows)."""

from decimal import Decimal

from ledger.models import Account, AccountKind
from timesheets.models import HOLDING_STATES, Week


def weeks_with_escrow() -> list[str]:
    escrow = dict(
        Account.objects.filter(kind=AccountKind.ESCROW, reference__startswith="week:")
        .with_balance()
        .values_list("reference", "balance")
    )
    differences = []
    for week in Week.objects.only("pk", "state", "amount", "currency").order_by("pk"):
        held = escrow.pop(week.ledger_reference, Decimal(0))
        expected = week.amount if week.state in HOLDING_STATES else Decimal(0)
        if held != expected:
            differences.append(
                f"Week {week.pk} is {week.state} but its escrow holds {held:.2f} "
                f"{week.currency} (expected {expected:.2f})."
            )
    differences += [
        f"Escrow account {reference} holds {held} for no week."
        for reference, held in sorted(escrow.items())
        if held
    ]
    return differences
