"""The double-entry ledger: every movement of money is a transaction whose entries sum to zero.

An entry's amount is what flows into its account (negative: out of it). A balance is the sum
of an account's entries; nothing stores one, so none can drift. Rows are written once and
never changed or deleted: the models refuse it, and on PostgreSQL triggers refuse it too
(migration 0002), and check at commit that every transaction sums to zero. `ledger.posting`
is the one way in.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, Round

from money.currencies import Currency

AMOUNT_DIGITS = 14
_AMOUNT = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)


class AppendOnly(Exception):
    """A ledger row was to be changed or deleted: money history is never rewritten."""


class AccountKind(models.TextChoices):
    # Money outside the platform, seen from it: a client's card (funding takes from it, a
    # refund gives back) and a freelancer's bank (payouts end there).
    CLIENT_CARD = "client_card", "Client's card"
    FREELANCER_BANK = "freelancer_bank", "Paid out"
    # What the platform holds: per escrowed item (a milestone, an hourly week, an order) ...
    ESCROW = "escrow", "In escrow"
    # ... what freelancers may withdraw, what they asked to withdraw, and the platform's fees.
    FREELANCER_BALANCE = "freelancer_balance", "Available"
    PAYOUT_REQUESTED = "payout_requested", "Payout requested"
    PLATFORM_REVENUE = "platform_revenue", "Platform fees"


# The platform's own money and what it owes may never be overdrawn: a movement that would
# take one of these below zero is refused (`ledger.posting`). Outside accounts go negative by
# design (money that came from a card).
NEVER_NEGATIVE = frozenset(
    {
        AccountKind.ESCROW,
        AccountKind.FREELANCER_BALANCE,
        AccountKind.PAYOUT_REQUESTED,
        AccountKind.PLATFORM_REVENUE,
    }
)


class TransactionKind(models.TextChoices):
    FUNDING = "funding", "Funding"
    RELEASE = "release", "Release"
    REFUND = "refund", "Refund"
    PAYOUT_REQUESTED = "payout_requested", "Payout requested"
    PAYOUT_PAID = "payout_paid", "Payout paid"
    PAYOUT_FAILED = "payout_failed", "Payout failed"


def _in_cents(total):
    """A sum of entries, 0 for none, rounded to their two decimals: exact on PostgreSQL, and
    on SQLite (which sums decimals as binary floats) the cents they add up to."""
    return Round(
        Coalesce(total, Decimal(0), output_field=_AMOUNT),
        2,
        output_field=_AMOUNT,
    )


class AccountQuerySet(models.QuerySet):
    def with_balance(self):
        """Annotate `balance`: the sum of each account's entries (0 for none)."""
        return self.annotate(balance=_in_cents(Sum("entries__amount")))


class Account(models.Model):
    """Where money sits: one per kind, currency, holder and item (`reference`, e.g.
    "milestone:12" for an escrow account). `key` names it uniquely on every database."""

    key = models.CharField(max_length=200, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=AccountKind)
    currency = models.CharField(max_length=3, choices=Currency)
    # A freelancer's or client's account keeps its rows after the person leaves (the ledger
    # keeps amounts, not names).
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_accounts",
    )
    reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccountQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["holder", "kind", "currency"], name="account_holder")]

    def __str__(self):
        return self.key

    @staticmethod
    def key_for(kind: str, currency: str, holder_id: int | None, reference: str) -> str:
        return f"{kind}:{currency}:{holder_id or '-'}:{reference}"

    @property
    def may_go_negative(self) -> bool:
        return self.kind not in NEVER_NEGATIVE

    def balance(self) -> Decimal:
        return self.entries.aggregate(total=_in_cents(Sum("amount")))["total"]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Ledger rows are never changed.")

    def delete(self):
        raise AppendOnly("Ledger rows are never deleted.")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Ledger rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Ledger rows are never deleted.")


class TransactionQuerySet(AppendOnlyQuerySet):
    def unbalanced(self):
        """Transactions whose entries do not sum to zero (there should be none).

        The sum is rounded to the entries' two decimals: SQLite adds decimals as binary floats
        (a balanced transaction can sum to -6e-17 there); PostgreSQL's numeric sums are exact,
        and rounding changes nothing."""
        return (
            self.annotate(total=_in_cents(Sum("entries__amount"))).exclude(total=0).order_by("pk")
        )

    def involving(self, account_ids):
        return self.filter(entries__account__in=account_ids).distinct()


class Transaction(AppendOnlyModel):
    """One movement of money, in one currency; `idempotency_key` makes posting it twice
    (a retried request, a replayed webhook, a task run twice) post it once."""

    kind = models.CharField(max_length=30, choices=TransactionKind)
    currency = models.CharField(max_length=3, choices=Currency)
    idempotency_key = models.CharField(max_length=200, unique=True)
    # What it is about, for lists and reconciliation: "milestone:12", "payout:3".
    reference = models.CharField(max_length=100, db_index=True)
    # Who moved it is the audit trail's to say: a row that named a person would have to
    # change when that person's account is deleted.
    memo = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = TransactionQuerySet.as_manager()

    # Set by `ledger.posting.post`: whether that call wrote it (False: posted before).
    is_new = False

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference} ({self.currency})"


class Entry(AppendOnlyModel):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    # Into the account when positive, out of it when negative.
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="entry_amount_not_zero"),
            models.UniqueConstraint(
                fields=["transaction", "account"], name="entry_one_per_account"
            ),
        ]

    def __str__(self):
        return f"{self.amount} {self.transaction.currency} → {self.account}"
