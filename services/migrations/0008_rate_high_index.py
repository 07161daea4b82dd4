"""An index for "highest rate first" on PostgreSQL.

That sort keeps services without a rate last (NULLS LAST); the (status, hourly_rate, id)
index read backwards puts them first, so the sort and its cursor pages sorted every published
service. SQLite has no NULLS LAST in an index, and Django's Meta.indexes cannot be per
database, hence SQL here, on PostgreSQL only.
"""

from django.db import migrations

INDEX = "service_published_rate_high"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON services_service "
            "(hourly_rate DESC NULLS LAST, id DESC) WHERE status = 'published'"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('services', '0007_category_published_counts'),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
