"""A freelancer's money, per currency, from the ledger: pending (in escrow for their funded
milestones and charged hourly weeks), available (their balance), requested (payouts asked
for, not yet paid) and paid out; and the movements behind them. Nothing here is stored:
every figure is a sum of entries.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from ledger.models import Account, AccountKind, Entry
from payments.models import Milestone

# What each of the freelancer's accounts is called on their earnings page.
FIGURES = {
    AccountKind.ESCROW: "pending",
    AccountKind.FREELANCER_BALANCE: "available",
    AccountKind.PAYOUT_REQUESTED: "requested",
    AccountKind.FREELANCER_BANK: "paid_out",
}
HELD_FOR_THEM = (
    AccountKind.FREELANCER_BALANCE,
    AccountKind.PAYOUT_REQUESTED,
    AccountKind.FREELANCER_BANK,
)


@dataclass
class Balance:
    currency: str
    pending: Decimal = field(default=Decimal(0))
    available: Decimal = field(default=Decimal(0))
    requested: Decimal = field(default=Decimal(0))
    paid_out: Decimal = field(default=Decimal(0))


def _their_escrow_references(user):
    return (
        Milestone.objects.of_freelancer(user)
        .annotate(ledger_ref=Concat(Value("milestone:"), Cast("pk", CharField())))
        .values("ledger_ref")
    )


def _their_accounts(user):
    return Account.objects.filter(
        Q(holder=user, kind__in=HELD_FOR_THEM)
        | Q(kind=AccountKind.ESCROW, reference__in=_their_escrow_references(user))
        | Q(kind=AccountKind.ESCROW, holder=user)  # held for them: an hourly week
    )


def balances_of(user) -> list[Balance]:
    """One `Balance` per currency the freelancer has had money in, in currency order."""
    balances: dict[str, Balance] = {}
    for kind, currency, balance in (
        _their_accounts(user).with_balance().values_list("kind", "currency", "balance")
    ):
        row = balances.setdefault(currency, Balance(currency))
        name = FIGURES[kind]
        setattr(row, name, getattr(row, name) + balance)
    return [balances[currency] for currency in sorted(balances)]


def available(user, currency: str) -> Decimal:
    return next((b.available for b in balances_of(user) if b.currency == currency), Decimal(0))


def movements_of(user):
    """Every entry on the freelancer's accounts, newest first, with its transaction."""
    return (
        Entry.objects.filter(account__in=_their_accounts(user))
        .select_related("transaction", "account")
        .order_by("-transaction__created_at", "-id")
    )
