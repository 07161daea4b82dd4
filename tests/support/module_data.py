"""Rows (and the files they refer to) that a module's tests share, written once instead of
before every test."""

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction
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
