"""Rows (and the files they refer to) that a module's tests share, written once instead of
before every test."""

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.test import override_settings


@contextlib.contextmanager
def rolled_back_after_the_module(django_db_blocker, files: Path) -> Iterator[None]:
    """Write the shared rows inside this block, and yield from it in a module-scoped fixture.

    The rows are written in a transaction that stays open while the module's tests run. Each
    test (pytest-django's `db`) runs in a savepoint of it, so it starts from exactly these
    rows and what it changes is undone; after the last test the transaction is rolled back.
    Uploads made meanwhile go under `files`: each test takes its own copy (`copy_files`).
    Not for tests that need committed rows (`transactional_db`, `live_server`).
    """
    with (
        override_settings(MEDIA_ROOT=files / "media", PRIVATE_MEDIA_ROOT=files / "private"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


def copy_files(files: Path, settings) -> None:
    """Copy the shared rows' files into the test's own MEDIA_ROOT and PRIVATE_MEDIA_ROOT."""
    for folder, destination in [
        (files / "media", settings.MEDIA_ROOT),
        (files / "private", settings.PRIVATE_MEDIA_ROOT),
    ]:
        if folder.exists():
            shutil.copytree(folder, destination, dirs_exist_ok=True)


# Committed rows (transactional_db, live_server) taken once per test process and put back.
_SNAPSHOTS: dict[str, "_Snapshot"] = {}


class _Snapshot:
    """Every row of every table, and the uploads, as a build left them.

    On PostgreSQL the rows stay in the database, in a schema of their own that Django's
    flush (which empties the tables on the search path) does not see; on SQLite (an
    in-memory database) they are kept as Python rows.
    """

    def __init__(self, files: Path):
        self.schema = f"snapshot_{len(_SNAPSHOTS)}"
        self.files = files
        self.rows: dict[str, list[tuple]] = {}
        self.tables: list[str] = []

    def take(self, settings) -> None:
        for folder, name in [
            (settings.MEDIA_ROOT, "media"),
            (settings.PRIVATE_MEDIA_ROOT, "private"),
        ]:
            if Path(folder).exists():
                shutil.copytree(folder, self.files / name)
        tables = connection.introspection.django_table_names(only_existing=True)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"CREATE SCHEMA {self.schema}")
            for table in tables:
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"SELECT 1 FROM {quoted} LIMIT 1")
                if cursor.fetchone() is None:
                    continue
                self.tables.append(table)
                if connection.vendor == "postgresql":
                    cursor.execute(f"CREATE TABLE {self.schema}.{quoted} AS TABLE {quoted}")
                else:
                    cursor.execute(f"SELECT * FROM {quoted}")
                    self.rows[table] = cursor.fetchall()

    def restore(self, settings) -> None:
        copy_files(self.files, settings)
        with transaction.atomic(), connection.cursor() as cursor:
            # Flush writes the content types and permissions again: the snapshot's replace them.
            for table in self.tables:
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"SELECT 1 FROM {quoted} LIMIT 1")
                if cursor.fetchone() is not None:
                    cursor.execute(f"DELETE FROM {quoted}")
            for table in self.tables:
                quoted = connection.ops.quote_name(table)
                if connection.vendor == "postgresql":
                    cursor.execute(f"INSERT INTO {quoted} SELECT * FROM {self.schema}.{quoted}")
                else:
                    rows = self.rows[table]
                    marks = ", ".join(["%s"] * len(rows[0]))
                    cursor.executemany(f"INSERT INTO {quoted} VALUES ({marks})", rows)
            # The ids come back as they were: the sequences carry on past them.
            models = [m for m in apps.get_models() if m._meta.db_table in self.tables]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        ContentType.objects.clear_cache()


def committed_once(name: str, build: Callable[[], object], settings, files: Path):
    """The committed rows (and uploads) `build` writes into an empty database: built by the
    first test of this process that asks, put back for the next ones in a fraction of the
    time. A model instance that `build` returns is fetched again and returned."""
    snapshot = _SNAPSHOTS.get(name)
    if snapshot is None:
        result = build()
        snapshot = _SNAPSHOTS[name] = _Snapshot(files)
        snapshot.take(settings)
        snapshot.result = (type(result), result.pk) if isinstance(result, Model) else None
        return result
    snapshot.restore(settings)
    if snapshot.result is None:
        return None
    model, pk = snapshot.result
    return model.objects.get(pk=pk)
