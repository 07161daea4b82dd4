"""Emptying the database after a test that commits (`transactional_db`, `live_server`).

Django's flush truncates every table (about ninety here) and writes the content types and
permissions back: 0.35 s on PostgreSQL when the machine is idle, 0.8 s under the suite's load,
after each of some 160 tests. Most of those tables are empty. On PostgreSQL, for a superuser
(as CI and the machine's PostgreSQL connect), this deletes the rows of the tables that have
any, in one transaction, with the ledger's and the audit log's append-only triggers and the
foreign-key checks off for it (`session_replication_role = replica`), and leaves the content
types and permissions that flush would have written back as they are: a few milliseconds.
Anywhere else it is Django's own flush.
"""

from django.db import connections, transaction
from django.test import TransactionTestCase

# What flush's post_migrate writes back, row for row: no test adds to them.
KEPT_TABLES = {"django_content_type", "auth_permission"}

_django_fixture_teardown = TransactionTestCase._fixture_teardown


def _may_switch_off_triggers(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


def empty_tables(connection) -> None:
    """Delete every row of every table of the project's models, but the KEPT_TABLES'."""
    quote = connection.ops.quote_name
    tables = [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if table not in KEPT_TABLES
    ]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(f"SELECT %s WHERE EXISTS (SELECT FROM {quote(t)})" for t in tables),
            tables,
        )
        filled = [table for (table,) in cursor.fetchall()]
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in filled:
            cursor.execute(f"DELETE FROM {quote(table)}")


def fixture_teardown(self: TransactionTestCase) -> None:
    """TransactionTestCase._fixture_teardown, emptying the tables as above where it can."""
    aliases = self._databases_names(include_mirrors=False)
    if (
        self.available_apps is not None
        or self.serialized_rollback
        or not all(_may_switch_off_triggers(connections[alias]) for alias in aliases)
    ):
        return _django_fixture_teardown(self)
    for alias in aliases:
        empty_tables(connections[alias])
