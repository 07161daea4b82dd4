"""The GIN index on jobs' search vector (PostgreSQL only; SQLite searches without one). The
`english_unaccent` configuration the vectors use comes from services' search migration."""

from django.db import migrations

FORWARD = "CREATE INDEX IF NOT EXISTS job_search_vector_gin ON jobs_jobpost USING gin (search_vector)"
BACKWARD = "DROP INDEX IF EXISTS job_search_vector_gin"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_job_posts_and_proposals"),
        ("services", "0002_search"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
