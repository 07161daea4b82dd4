"""On PostgreSQL the database itself keeps the ledger honest: no entry or transaction is ever
updated or deleted (TRUNCATE, which only tests use to empty tables, stays possible), and at
commit every transaction must have entries that sum to zero. SQLite, the embedded default,
relies on the models' and `ledger.posting`'s own checks."""

from django.db import migrations

POSTGRES = """
CREATE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

CREATE FUNCTION ledger_assert_balanced(checked bigint) RETURNS void AS $$
DECLARE
    entries integer;
    total numeric;
BEGIN
    SELECT count(*), COALESCE(sum(amount), 0) INTO entries, total
        FROM ledger_entry WHERE transaction_id = checked;
    IF entries < 2 OR total <> 0 THEN
        RAISE EXCEPTION 'Ledger transaction % does not balance (% entries, sum %)',
            checked, entries, total;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_assert_balanced(NEW.id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_entry_balanced() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_assert_balanced(NEW.transaction_id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER ledger_transaction_balanced AFTER INSERT ON ledger_transaction
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced();
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
"""

POSTGRES_REVERSE = """
DROP TRIGGER ledger_entry_balanced ON ledger_entry;
DROP TRIGGER ledger_transaction_balanced ON ledger_transaction;
DROP FUNCTION ledger_entry_balanced();
DROP FUNCTION ledger_transaction_balanced();
DROP FUNCTION ledger_assert_balanced(bigint);
DROP TRIGGER ledger_entry_append_only ON ledger_entry;
DROP TRIGGER ledger_transaction_append_only ON ledger_transaction;
DROP FUNCTION ledger_refuse_change();
"""


def forwards(apps, schema_editor):
    _run_on_postgresql(schema_editor, POSTGRES)


def backwards(apps, schema_editor):
    _run_on_postgresql(schema_editor, POSTGRES_REVERSE)


def _run_on_postgresql(schema_editor, sql: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        # Without parameters, so that the functions' `%` placeholders stay as they are.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
