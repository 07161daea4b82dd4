"""VACUUM the services table after 0015 rewrote every row: until then the per-word index
cannot answer from itself (every row it walks is looked up in the table again, at a million
services until autovacuum comes by, or never where it is off). PostgreSQL only; VACUUM
cannot run inside a transaction, hence a migration of its own."""

from django.db import migrations


def vacuum(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("VACUUM (ANALYZE) services_service")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("services", "0015_owner_native_languages")]

    operations = [migrations.RunPython(vacuum, migrations.RunPython.noop, elidable=True)]
