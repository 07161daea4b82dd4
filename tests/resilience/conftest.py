"""Fixtures of the fault tests: the API tests' cast, and servers of the tests' own."""

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

import pytest

# The API's token clients; the cast itself comes from tests/conftest.py.
from tests.api.conftest import api, as_user  # noqa: F401
from tests.local_servers import (
    PostgresCluster,
    collectstatic,
    load_demo,
    migrate,
    postgres_folder,
)

DATABASE = "market"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Collected static files, which production-like (DEBUG=0) servers need for their pages."""
    folder = tmp_path_factory.mktemp("static")
    collectstatic(folder)
    return folder


@pytest.fixture(scope="session")
def site_media(tmp_path_factory):
    """The uploads folder of the demo on the tests' own servers (see `media_env`)."""
    return tmp_path_factory.mktemp("site-media")


@pytest.fixture(scope="session")
def postgres_pair(site_media, tmp_path_factory):
    """A PostgreSQL primary with the site's tables and the demo, and a hot standby streaming
    from it.

    Both belong to the tests (own folder, free ports), so tests may stop and start them; each
    test leaves them running again. Migrating and loading the demo take half a minute: under
    pytest-xdist the first worker to need the pair keeps a copy of the primary's data folder
    and uploads, and the other workers start their own primary from a copy of it.
    """
    folder = postgres_folder()
    primary = PostgresCluster(folder, "primary")
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    shared = tmp_path_factory.getbasetemp().parent / f"resilience-{run}" if run else None
    with _only_one_worker_at_a_time(shared):
        if shared and (shared / "data").exists():
            shutil.copytree(shared / "data", primary.data)
            shutil.copytree(shared / "media", site_media, dirs_exist_ok=True)
            _owned_by_postgres(primary.data)
            primary.start()
        else:
            primary.init()
            primary.start()
            primary.sql(f"CREATE DATABASE {DATABASE}")
            migrate(primary.url(DATABASE))
            load_demo(primary.url(DATABASE), media=site_media)
            if shared:
                primary.stop(mode="fast")
                shutil.copytree(primary.data, shared / "data")
                shutil.copytree(site_media, shared / "media")
                primary.start()
    replica = primary.replica()
    replica.start()
    yield primary, replica
    for cluster in (replica, primary):
        if cluster.is_running():
            cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _only_one_worker_at_a_time(shared: Path | None):
    if shared is None:
        yield
        return
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _owned_by_postgres(data: Path) -> None:
    """PostgreSQL starts only from a data folder its own user owns, readable by it alone."""
    if os.geteuid() == 0:
        for path in [data, *data.rglob("*")]:
            shutil.chown(path, "postgres", "postgres")
    data.chmod(0o700)
