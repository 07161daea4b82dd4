"""Payments in a person's data export, and in their erasure: an account that money is held
for or owed to is not erased until it is settled; the books keep amounts, never names."""

from decimal import Decimal

from django.db.models import Q

from marketplace.personal_data import (
    FORMER_MEMBER,
    ExportPart,
    eraser,
    erasure_blocker,
    exporter,
    stamp,
)
from money.formatting import format_money
from payments.balances import balances_of
from payments.models import Milestone, Payment, Payout, PayoutDetails, Receipt


@exporter("payments")
def export_payments(user) -> ExportPart:
    details = PayoutDetails.objects.filter(user=user).first()
    return ExportPart(
        records={
            "milestones": list(
                Milestone.objects.involving(user)
                .order_by("pk")
                .values("engagement_id", "title", "amount", "currency", "state", "funded_at")
            ),
            "card_payments": list(
                Payment.objects.filter(client=user)
                .order_by("pk")
                .values("milestone_id", "amount_minor", "currency", "status", "created_at")
            ),
            "balances": [
                {
                    "currency": balance.currency,
                    "pending": str(balance.pending),
                    "available": str(balance.available),
                    "requested": str(balance.requested),
                    "paid_out": str(balance.paid_out),
                }
                for balance in balances_of(user)
            ],
            "payouts": list(
                Payout.objects.filter(freelancer=user)
                .order_by("pk")
                .values("amount", "currency", "status", "requested_at", "decided_at")
            ),
            "payout_details": {
                "account_holder": details.account_holder,
                "bank_details": details.bank_details,
                "updated_at": stamp(details.updated_at),
            }
            if details
            else None,
            "receipts": list(
                Receipt.objects.filter(Q(client=user) | Q(freelancer=user))
                .order_by("number")
                .values("number", "kind", "amount", "currency", "issued_at")
            ),
        }
    )


@erasure_blocker("payments")
def money_still_held(user) -> str | None:
    """Escrow held on their engagements, or a balance of theirs not yet paid out."""
    held = Milestone.objects.involving(user).holding()
    if held.exists():
        return (
            f"{held.count()} milestone(s) of your engagements hold money in escrow: release, "
            "refund or settle them first."
        )
    owed = [
        format_money(balance.available + balance.requested, balance.currency)
        for balance in balances_of(user)
        if balance.available + balance.requested > Decimal(0)
    ]
    if owed:
        return f"You have {', '.join(owed)} not yet paid out: request a payout first."
    return None


@eraser("payments", order=10)
def erase_payments(user) -> list:
    """Where their money went goes; payouts and receipts keep their amounts, not the name."""
    PayoutDetails.objects.filter(user=user).delete()
    Payout.objects.filter(freelancer=user).update(account_holder=FORMER_MEMBER, bank_details="")
    Receipt.objects.filter(client=user).update(client_name=FORMER_MEMBER)
    Receipt.objects.filter(freelancer=user).update(freelancer_name=FORMER_MEMBER)
    return []
