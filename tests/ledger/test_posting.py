"""The ledger's rules: every movement balances, in whole minor units of its currency; posting
twice with one key moves money once; escrow and balances are never overdrawn, even by
concurrent movements; nothing posted is ever changed or deleted."""

import contextlib
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import posting
from ledger.models import (
    Account,
    AccountKind,
    AppendOnly,
    Entry,
    Transaction,
    TransactionKind,
)
from ledger.posting import LedgerError, Overdrawn
from tests.factories import UserFactory
from tests.support.threads import run_concurrently

pytestmark = pytest.mark.django_db


def fund(amount: str, *, key: str = "fund-1", escrow: Account | None = None, client=None):
    escrow = escrow or posting.account(AccountKind.ESCROW, "USD", reference="milestone:1")
    card = posting.account(AccountKind.CLIENT_CARD, "USD", holder=client)
    return posting.post(
        kind=TransactionKind.FUNDING,
        currency="USD",
        legs=[(card, -Decimal(amount)), (escrow, Decimal(amount))],
        idempotency_key=key,
        reference=escrow.reference,
    )


def test_a_funding_moves_money_from_the_card_into_escrow():
    escrow = posting.account(AccountKind.ESCROW, "USD", reference="milestone:1")
    fund("120.00", escrow=escrow)
    card = posting.account(AccountKind.CLIENT_CARD, "USD")
    assert (escrow.balance(), card.balance()) == (Decimal("120.00"), Decimal("-120.00"))


def test_posting_again_with_the_same_key_moves_nothing():
    first = fund("50.00")
    again = fund("50.00")
    assert again.pk == first.pk
    assert Transaction.objects.count() == 1 and Entry.objects.count() == 2


def test_a_key_reused_for_another_movement_is_refused():
    fund("50.00")
    with pytest.raises(LedgerError, match="already posted a different movement"):
        fund("60.00")


@pytest.mark.parametrize(
    ("legs", "message"),
    [
        ([("escrow", "10.00"), ("card", "-9.99")], "sum to 0.01"),
        ([("escrow", "10.001"), ("card", "-10.001")], "minor units"),
        ([("escrow", "10.00")], "at least two"),
        ([("escrow", "0"), ("card", "0")], "zero"),
        ([("euros", "10.00"), ("card", "-10.00")], "not in USD"),
    ],
)
def test_a_movement_that_does_not_add_up_is_refused_and_writes_nothing(legs, message):
    accounts = {
        "escrow": posting.account(AccountKind.ESCROW, "USD", reference="milestone:1"),
        "card": posting.account(AccountKind.CLIENT_CARD, "USD"),
        "euros": posting.account(AccountKind.ESCROW, "EUR", reference="milestone:2"),
    }
    with pytest.raises(LedgerError, match=message):
        posting.post(
            kind=TransactionKind.FUNDING,
            currency="USD",
            legs=[(accounts[name], Decimal(amount)) for name, amount in legs],
            idempotency_key="bad",
            reference="milestone:1",
        )
    assert not Transaction.objects.exists() and not Entry.objects.exists()


def test_escrow_cannot_release_more_than_it_holds():
    escrow = posting.account(AccountKind.ESCROW, "USD", reference="milestone:1")
    balance = posting.account(AccountKind.FREELANCER_BALANCE, "USD", holder=UserFactory())
    fund("100.00", escrow=escrow)
    with pytest.raises(Overdrawn):
        posting.post(
            kind=TransactionKind.RELEASE,
            currency="USD",
            legs=[(escrow, Decimal("-100.01")), (balance, Decimal("100.01"))],
            idempotency_key="release-1",
            reference="milestone:1",
        )
    assert escrow.balance() == Decimal("100.00")


def test_rows_once_posted_are_never_changed_or_deleted():
    posted = fund("10.00")
    entry = posted.entries.first()
    entry.amount = Decimal("99.00")
    for attempt in (
        entry.save,
        entry.delete,
        posted.delete,
        lambda: Entry.objects.filter(pk=entry.pk).update(amount=1),
        lambda: Transaction.objects.all().delete(),
    ):
        with pytest.raises(AppendOnly):
            attempt()
    assert Entry.objects.get(pk=entry.pk).amount in (Decimal("10.00"), Decimal("-10.00"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_rewrite_or_unbalance_the_ledger():
    posted = fund("10.00")
    table = Entry._meta.db_table
    for sql in (f"UPDATE {table} SET amount = 1", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql)
    # A transaction whose entries do not balance is refused when it commits.
    card = posting.account(AccountKind.CLIENT_CARD, "USD")
    with pytest.raises(DatabaseError, match="does not balance"), transaction.atomic():
        lopsided = Transaction.objects.create(
            kind=TransactionKind.FUNDING, currency="USD", idempotency_key="x", reference="x"
        )
        Entry.objects.create(transaction=lopsided, account=card, amount=Decimal("5.00"))
        escrow = posting.account(AccountKind.ESCROW, "USD", reference="x")
        Entry.objects.create(transaction=lopsided, account=escrow, amount=Decimal("-4.00"))
    assert list(Transaction.objects.all()) == [posted]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_withdrawals_take_exactly_what_the_balance_holds():
    freelancer = UserFactory()
    balance = posting.account(AccountKind.FREELANCER_BALANCE, "USD", holder=freelancer)
    requested = posting.account(AccountKind.PAYOUT_REQUESTED, "USD", holder=freelancer)
    escrow = posting.account(AccountKind.ESCROW, "USD", reference="milestone:1")
    fund("50.00", escrow=escrow)
    posting.post(
        kind=TransactionKind.RELEASE,
        currency="USD",
        legs=[(escrow, Decimal("-50.00")), (balance, Decimal("50.00"))],
        idempotency_key="release",
        reference="milestone:1",
    )

    def withdraw(index: int):
        return posting.post(
            kind=TransactionKind.PAYOUT_REQUESTED,
            currency="USD",
            legs=[(balance, Decimal("-10.00")), (requested, Decimal("10.00"))],
            idempotency_key=f"payout-{index}",
            reference=f"payout:{index}",
        )

    results = run_concurrently(20, withdraw)
    assert sum(isinstance(result, Transaction) for result in results) == 5
    assert all(isinstance(r, Transaction | Overdrawn) for r in results), results
    assert (balance.balance(), requested.balance()) == (Decimal(0), Decimal("50.00"))


# What a sequence of movements can do: fund a milestone, release part of it (with a fee),
# refund part of it, withdraw from a balance. Amounts in cents.
MOVES = st.lists(
    st.tuples(
        st.sampled_from(["fund", "release", "refund", "withdraw"]),
        st.integers(min_value=0, max_value=2),  # which milestone or freelancer
        st.integers(min_value=1, max_value=100_000),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves=MOVES)
def test_whatever_moves_are_tried_the_books_balance_and_nothing_guarded_goes_negative(moves):
    with transaction.atomic():
        people = [UserFactory() for _ in range(3)]
        for number, (move, which, cents) in enumerate(moves):
            amount = Decimal(cents) / 100
            escrow = posting.account(AccountKind.ESCROW, "USD", reference=f"milestone:{which}")
            balance = posting.account(AccountKind.FREELANCER_BALANCE, "USD", holder=people[which])
            legs = {
                "fund": [
                    (posting.account(AccountKind.CLIENT_CARD, "USD"), -amount),
                    (escrow, amount),
                ],
                "release": [
                    (escrow, -amount),
                    (balance, amount - amount // 10),
                    (posting.account(AccountKind.PLATFORM_REVENUE, "USD"), amount // 10),
                ],
                "refund": [
                    (escrow, -amount),
                    (posting.account(AccountKind.CLIENT_CARD, "USD"), amount),
                ],
                "withdraw": [
                    (balance, -amount),
                    (
                        posting.account(AccountKind.PAYOUT_REQUESTED, "USD", holder=people[which]),
                        amount,
                    ),
                ],
            }[move]
            legs = [(account, value) for account, value in legs if value]
            with contextlib.suppress(Overdrawn, LedgerError):
                posting.post(
                    kind=TransactionKind.FUNDING,
                    currency="USD",
                    legs=legs,
                    idempotency_key=f"move-{number}",
                    reference=escrow.reference,
                )
        accounts = list(Account.objects.with_balance())
        assert sum(account.balance for account in accounts) == 0
        assert all(a.balance >= 0 for a in accounts if not a.may_go_negative)
        assert not Transaction.objects.unbalanced().exists()
        transaction.set_rollback(True)
