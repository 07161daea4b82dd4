"""Fixtures of the fault tests: the API tests' cast, and servers of the tests' own."""

import shutil

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
def postgres_pair(site_media):
    """A PostgreSQL primary with the site's tables and a hot standby streaming from it.

    Both belong to the tests (own folder, free ports), so tests may stop and start them; each
    test leaves them running again.
    """
    folder = postgres_folder()
    primary = PostgresCluster(folder, "primary")
    primary.init()
    primary.start()
    primary.sql(f"CREATE DATABASE {DATABASE}")
    migrate(primary.url(DATABASE))
    load_demo(primary.url(DATABASE), media=site_media)
    replica = primary.replica()
    replica.start()
    yield primary, replica
    for cluster in (replica, primary):
        if cluster.is_running():
            cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)
