"""The suite's fast emptying of committed rows (tests/support/flush.py) leaves what Django's
flush leaves: no row in any table, the content types and permissions as they were, and a
database the ledger's rules still guard."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from ledger import posting
from ledger.models import AccountKind, Entry, TransactionKind
from tests.factories import ReviewFactory
from tests.support.flush import KEPT_TABLES, empty_tables


def fund(amount: str) -> None:
    escrow = posting.account(AccountKind.ESCROW, "USD", reference="milestone:1")
    card = posting.account(AccountKind.CLIENT_CARD, "USD")
    posting.post(
        kind=TransactionKind.FUNDING,
        currency="USD",
        legs=[(card, -Decimal(amount)), (escrow, Decimal(amount))],
        idempotency_key=f"fund-{amount}",
        reference=escrow.reference,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_every_committed_row_goes_even_where_triggers_refuse_deletes():
    ReviewFactory()
    fund("10.00")
    kept = (ContentType.objects.count(), Permission.objects.count())

    empty_tables(connection)

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        filled = []
        for table in set(tables) - KEPT_TABLES:
            cursor.execute(f"SELECT EXISTS (SELECT FROM {connection.ops.quote_name(table)})")
            if cursor.fetchone()[0]:
                filled.append(table)
    assert filled == []
    assert (ContentType.objects.count(), Permission.objects.count()) == kept
    # The triggers were off for the emptying only: the ledger is append-only again.
    fund("1.00")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        connection.cursor().execute(f"DELETE FROM {Entry._meta.db_table}")
