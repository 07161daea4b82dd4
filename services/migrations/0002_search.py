"""PostgreSQL search machinery: extensions, an accent-insensitive English configuration and
the GIN index on the search vector. Typo tolerance compares query words with the skill and
category vocabulary by trigram similarity, so titles need no trigram index. Every step is a
no-op on SQLite, which uses a simple fallback search."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = [
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION english_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$;
    """,
    "CREATE INDEX IF NOT EXISTS service_search_vector_gin"
    " ON services_service USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS service_search_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
