"""Posting to the ledger: the one way money moves on the books.

`post()` writes a transaction and its entries in one database transaction, after checking
that they balance, that every amount is whole minor units of the currency, and that no
account that must stay positive (escrow, balances, fees) would be overdrawn. The accounts
touched are locked first, in id order, so two movements out of one balance take turns and
the second sees the first. Posting again with the same idempotency key returns the first
transaction and moves nothing.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction

from ledger.models import Account, Entry, Transaction
from money.currencies import round_to_currency


class LedgerError(Exception):
    """A movement that does not balance, or that would overdraw an account."""


class Overdrawn(LedgerError):
    def __init__(self, account: Account, balance: Decimal, amount: Decimal):
        self.account = account
        super().__init__(f"{account} holds {balance}; {-amount} cannot be taken from it.")


def account(kind: str, currency: str, *, holder=None, reference: str = "") -> Account:
    """The account for this kind, currency, holder and item, created on first use."""
    holder_id = getattr(holder, "pk", holder)
    key = Account.key_for(kind, currency, holder_id, reference)
    found = Account.objects.filter(key=key).first()
    if found:
        return found
    try:
        with transaction.atomic():
            return Account.objects.create(
                key=key, kind=kind, currency=currency, holder_id=holder_id, reference=reference
            )
    except IntegrityError:  # created a moment ago by a concurrent movement
        return Account.objects.get(key=key)


def post(
    *,
    kind: str,
    currency: str,
    legs: Sequence[tuple[Account, Decimal]],
    idempotency_key: str,
    reference: str,
    memo: str = "",
) -> Transaction:
    """Move money: each leg is (account, amount into it); the amounts must sum to zero.

    The transaction returned says whether this call posted it (`is_new`) or found it posted
    under the same key before, so that what follows a movement (a receipt, an audit entry)
    follows it once.
    """
    _check(currency, legs)
    existing = Transaction.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return _same_movement(existing, legs)
    try:
        with transaction.atomic():
            _lock_and_check_overdraft(legs)
            posted = Transaction.objects.create(
                kind=kind,
                currency=currency,
                idempotency_key=idempotency_key,
                reference=reference,
                memo=memo[:300],
            )
            Entry.objects.bulk_create(
                Entry(transaction=posted, account=leg_account, amount=amount)
                for leg_account, amount in legs
            )
            posted.is_new = True
    except IntegrityError:
        # The same key posted a moment ago by a concurrent call: that one is the movement.
        existing = Transaction.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return _same_movement(existing, legs)
    return posted


def _same_movement(existing: Transaction, legs: Sequence[tuple[Account, Decimal]]) -> Transaction:
    """The transaction already posted under a key, which must be the one asked for again."""
    posted = set(existing.entries.values_list("account_id", "amount"))
    if posted != {(leg_account.pk, amount) for leg_account, amount in legs}:
        raise LedgerError(f"Key {existing.idempotency_key!r} already posted a different movement.")
    existing.is_new = False
    return existing


def _check(currency: str, legs: Sequence[tuple[Account, Decimal]]) -> None:
    if len(legs) < 2:
        raise LedgerError("A movement has at least two sides.")
    if len({leg_account.pk for leg_account, _ in legs}) != len(legs):
        raise LedgerError("An account appears twice in one movement.")
    for leg_account, amount in legs:
        if leg_account.currency != currency:
            raise LedgerError(f"{leg_account} is not in {currency}.")
        if amount == 0:
            raise LedgerError("A leg of zero moves nothing.")
        if round_to_currency(amount, currency) != amount:
            raise LedgerError(f"{amount} is not a whole number of {currency}'s minor units.")
    total = sum((amount for _, amount in legs), Decimal(0))
    if total != 0:
        raise LedgerError(f"The legs sum to {total}, not zero.")


def _lock_and_check_overdraft(legs: Sequence[tuple[Account, Decimal]]) -> None:
    """Lock the accounts money leaves, in id order; refuse to overdraw a guarded one."""
    outgoing = {leg_account.pk: amount for leg_account, amount in legs if amount < 0}
    guarded = {
        leg_account.pk: leg_account
        for leg_account, _ in legs
        if leg_account.pk in outgoing and not leg_account.may_go_negative
    }
    if not guarded:
        return
    locked = Account.objects.filter(pk__in=guarded).order_by("pk").select_for_update()
    list(locked.values_list("pk", flat=True))
    balances = dict(
        Account.objects.filter(pk__in=guarded).with_balance().values_list("pk", "balance")
    )
    for pk, leg_account in guarded.items():
        if balances[pk] + outgoing[pk] < 0:
            raise Overdrawn(leg_account, balances[pk], outgoing[pk])
