"""The hourly weeks' escrow checked against their states (payments' reconciliation checks
the payments, refunds and Stripe, and runs this through `settings.RECONCILIATION_CHECKS`)."""

from payments.reconciliation import escrow_differences
from timesheets.models import HOLDING_STATES, Week


def weeks_with_escrow() -> list[str]:
    return escrow_differences(Week.objects.all(), name="week", holding=HOLDING_STATES)
