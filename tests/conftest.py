"""Settings every test shares, and the cast: one set of people for the whole suite.

The cast: Elena, a freelancer with a published news-writing service and a writing sample;
Sam, a client who hires her; Oscar, a signed-in outsider to both; Stella, staff (a superuser,
as the demo's staff account is). A folder may build more on them (the dashboard's second
freelancer) or sign them in differently (the API's token client), but never redefine them.
"""

import shutil

import django.test.client
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.test.testcases import LiveServerThread
from django.utils import timezone

from engagements.transitions import refresh_completed_counts
from marketplace.celery import app as celery_app
from services.search import refresh_search_vectors
from tests.factories import (
    EngagementFactory,
    LeafCategoryFactory,
    ServiceFactory,
    SkillFactory,
    UserFactory,
    WritingSampleFactory,
)
from tests.servers import NoDelayWSGIServer
from tests.support import flush, module_data
from tests.support.mfa import give_totp
from tests.support.page_cache import CachedPagesClientHandler

# pytest-django's live_server runs Django's LiveServerThread: one without Nagle's 40 ms per
# kept-alive request (schemathesis and the browser keep their connections alive).
LiveServerThread.server_class = NoDelayWSGIServer
# The test client's requests meet the page cache first, as production's do.
django.test.client.ClientHandler = CachedPagesClientHandler
# After a test that commits, only the tables it filled are emptied (tests/support/flush.py).
TransactionTestCase._fixture_teardown = flush.fixture_teardown

pytest_plugins = ["tests.support.schemathesis_report"]


def pytest_collection_modifyitems(config, items):
    """On SQLite, tests marked `postgres` (PostgreSQL-only features) and `once_in_ci` (slow,
    nothing database-specific: CI runs them in its PostgreSQL pass) skip, saying why."""
    reasons = {
        "postgres": "needs PostgreSQL (set DATABASE_URL to run it)",
        "once_in_ci": "runs on PostgreSQL only: slow, and nothing in it depends on the database",
    }
    if connection.vendor != "postgresql":
        for item in items:
            for marker, reason in reasons.items():
                if marker in item.keywords:
                    item.add_marker(pytest.mark.skip(reason=reason))
                    break
    # The longest tests first: the worker that takes one starts it at once, and the others
    # share the rest of the queue (pytest-xdist's worksteal), instead of one worker starting a
    # minutes-long test near the end of the run. Whole modules move, keeping their order.
    items.sort(key=_expected_length)


# Folders whose tests start servers and browsers of their own: seconds to minutes each.
SLOW_FOLDERS = {"browser", "process", "resilience"}


def _expected_length(item) -> int:
    if item.get_closest_marker("once_in_ci"):
        return 0
    return 1 if SLOW_FOLDERS & set(item.path.relative_to(item.config.rootpath).parts) else 2


@pytest.fixture
def page_cache_on(settings):
    """Whole pages cached for anonymous visitors, as in production with Redis (the tests'
    settings leave it off)."""
    settings.PAGE_CACHE = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, dropped at the end even where a thread of a live server
    or a race test left a connection to it open (PostgreSQL drops only an unused database)."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        # On a fresh connection: the process tests end the ones this process had.
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True, scope="session")
def _tasks_in_process():
    """Tasks run where they are queued, whatever broker a developer's .env names."""
    celery_app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached facet counts and rate-limit counters must not leak from one test to the next."""
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """For the whole session: rows written once for a module (tests/support/module_data.py)
    have the same password hashes as rows written in a test."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Each test writes uploads under its own temporary folders, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture
def committed_once(transactional_db, settings, tmp_path_factory):
    """`committed_once(name, build)`: the committed rows and uploads `build` writes, built by
    the first test of this process to ask for `name` and put back for the others (the full
    demo takes seconds to load, and a second to put back)."""

    def build_or_restore(name: str, build):
        files = tmp_path_factory.getbasetemp() / "committed-once" / name
        return module_data.committed_once(name, build, settings, files)

    return build_or_restore


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def news_writing(db):
    return SkillFactory(name="News Writing", slug="news-writing")


@pytest.fixture
def articles(db):
    return LeafCategoryFactory(name="Articles & News", slug="articles-news", parent__name="Writing")


@pytest.fixture
def service(news_writing, articles):
    """Elena's published service."""
    service = ServiceFactory(
        title="I will write your news",
        slug="i-will-write-your-news",
        category=articles,
        owner__display_name="Elena Marsh",
        owner__slug="elena",
        owner__user__username="elena",
        owner__user__email="elena@example.com",
        skills=[news_writing],
    )
    refresh_search_vectors(service_ids=[service.pk])  # as the dashboard's save does
    return service


@pytest.fixture
def profile(service):
    return service.owner


@pytest.fixture
def freelancer(service):
    """Elena's account."""
    return service.owner.user


@pytest.fixture
def sample(profile, service):
    sample = WritingSampleFactory(profile=profile, title="Budget day", slug="budget-day")
    sample.services.set([service])
    return sample


@pytest.fixture
def hiring_client(db):
    """Sam, a client: an account without a freelancer profile."""
    return UserFactory(
        username="sam", email="sam@example.com", first_name="Sam", last_name="Okafor"
    )


@pytest.fixture
def hirer(hiring_client):
    """The dashboard tests' name for the client."""
    return hiring_client


@pytest.fixture
def outsider(db):
    """Oscar: signed in, but neither side of anything the others do."""
    return UserFactory(username="oscar", email="oscar@example.com")


@pytest.fixture
def staff(db):
    """Stella, a moderator with the admin (and, as staff must, two-factor sign-in)."""
    stella = UserFactory(
        username="stella", email="stella@example.com", is_staff=True, is_superuser=True
    )
    stella.totp_secret = give_totp(stella)  # for tests that sign her in with a code
    return stella


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the second factor staff accounts must have."""
    give_totp(admin_user)
    return admin_user


@pytest.fixture
def cast(freelancer, hiring_client, outsider, staff):
    """Who is who, by the names the access-matrix tests use."""
    return {
        "anonymous": None,
        "owner": freelancer,
        "client": hiring_client,
        "outsider": outsider,
        "staff": staff,
    }


@pytest.fixture
def as_user(client):
    """Sign the test client in as someone (or stay anonymous with None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def engagement(service, hiring_client):
    return EngagementFactory(service=service, client=hiring_client)


@pytest.fixture
def engagement_in(service, hiring_client):
    """An engagement of the cast's client on the cast's service, already in `state`."""
    stamps = {
        "requested": [],
        "accepted": ["accepted_at"],
        "declined": ["declined_at"],
        "delivered": ["accepted_at", "delivered_at"],
        "completed": ["accepted_at", "delivered_at", "completed_at"],
        "cancelled": ["cancelled_at"],
    }

    def make(state: str, **fields):
        times = dict.fromkeys(stamps[state], timezone.now())
        engagement = EngagementFactory(
            service=service, client=hiring_client, state=state, **{**times, **fields}
        )
        if state == "completed":  # as the workflow would have counted it
            refresh_completed_counts(profile_ids=[engagement.freelancer_id])
        return engagement

    return make


# Jobs: Sam's open job in Elena's category, and Elena's proposal on it.


@pytest.fixture
def job(hiring_client, articles, news_writing):
    """Sam's open, public job for news articles."""
    from tests.factories import JobPostFactory

    return JobPostFactory(
        client=hiring_client,
        title="Five articles on local elections",
        category=articles,
        skills=[news_writing],
    )


@pytest.fixture
def proposal(job, service):
    """Elena's proposal on Sam's job, under her news-writing service."""
    from tests.factories import ProposalFactory

    return ProposalFactory(job=job, service=service)
