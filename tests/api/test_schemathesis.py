"""Schema-driven tests: every operation of the published schema, fed generated input.

schemathesis reads the OpenAPI schema that drf-spectacular generates, and for each operation
sends the schema's examples and random valid and invalid inputs (fuzzing) to the app
in-process (WSGI). Every response must be no server error and conform to the schema: a
documented status code, content type, headers and body. It runs twice: as an anonymous
client (with two cases only for each operation that refuses anonymous clients), and with the
token of a freelancer who is also a client, over the demo data (whose slugs the schema's
examples use), so many requests reach real objects.

The coverage phase (every boundary and invalid value of every field, the same cases on every
run) is left to the live run (test_schemathesis_live.py), which sends them with every check:
here it would send the same nine thousand requests again, for fewer checks. Generation is
seeded and deterministic, with more fuzzing examples per operation than the live run.
"""

from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.generation.hypothesis import canonical_form_cache, canonical_strategy_cache
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User
from demo.seed import FREELANCER, load_demo
from engagements.models import Engagement
from marketplace.wsgi import application
from tests.factories import CompletedEngagementFactory, ReviewFactory, ServiceFactory, UserFactory
from tests.support.module_data import copy_files, rolled_back_after_the_module
from tests.support.operations import signed_in_only
from tests.support.schema import published_schema
from tests.support.tokens import token_key_for

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# schemathesis keeps the canonical form and strategy of the last 128 schemas it met; the tests
# below go through every operation's schemas in turn, more than that, so each test met none of
# its own again and built them all anew. Kept for the whole run, the module takes 16 % less
# CPU (98 -> 82 s alone, the same cases).
canonical_form_cache._maxsize = 4096
canonical_strategy_cache._maxsize = 4096
MAX_EXAMPLES = 12
# An operation open only to signed-in clients refuses an anonymous one whatever it is sent:
# two cases each show that the refusal is documented (the access matrices check the refusals
# themselves), instead of twelve that would each be refused too.
REFUSED_EXAMPLES = 2


def _schema(max_examples: int):
    config = schemathesis.Config.from_dict(
        {
            "seed": 20261129,
            "generation": {
                "max-examples": max_examples,
                "deterministic": True,
                "database": "none",
                "mode": "all",
            },
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
            "suppress-health-check": ["all"],
        }
    )
    return schemathesis.openapi.from_dict(published_schema(), config=config)


schema = _schema(MAX_EXAMPLES)
SIGNED_IN_ONLY = signed_in_only()
REFUSED = _schema(REFUSED_EXAMPLES).include(operation_id=SIGNED_IN_ONLY)


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="module")
def demo_marketplace(django_db_setup, django_db_blocker, demo_files):
    """The demo marketplace and a client's completed engagement with a review, written once for
    the module; every test starts from these rows. Returns the demo freelancer, Elena."""
    with rolled_back_after_the_module(django_db_blocker, demo_files):
        seed = load_demo()
        elena = seed.owner.user
        other = ServiceFactory()
        # Elena hires someone too, so her token reaches both sides of the hiring endpoints.
        CompletedEngagementFactory(service=other, client=elena)
        ReviewFactory(service=seed, author=UserFactory())
        yield elena


@pytest.fixture
def marketplace(demo_marketplace, demo_files, db, settings):
    """The demo marketplace (returns Elena), its files, and rates high enough that the run is
    not throttled (throttling has its own tests)."""
    copy_files(demo_files, settings)
    settings.ALLOWED_HOSTS = ["*"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
    }
    # Requests go through the real WSGI handler, whose end-of-request signal would close the
    # test's database connection (and its transaction); Django's test client detaches it too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield User.objects.get(pk=demo_marketplace.pk)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Generated cases per (run, operation), reported at the end of the session (see conftest).
CASES: Counter[tuple[str, str]] = Counter()
STATUSES: Counter[tuple[str, int]] = Counter()


def _run(case, run: str, headers=None):
    CASES[(run, case.operation.label)] += 1
    # The in-process transport hands the body over as sent, undecoded: ask for it plain. The
    # live run (test_schemathesis_live.py) reads compressed answers over HTTP.
    headers = {**(headers or {}), "Accept-Encoding": "identity"}
    response = case.call(app=application, headers=headers)
    STATUSES[(run, response.status_code)] += 1
    case.validate_response(response, checks=CHECKS, headers=headers)
    return response


@schema.exclude(operation_id=SIGNED_IN_ONLY).parametrize()
def test_every_operation_open_to_anonymous_clients_conforms_for_them(case, marketplace):
    _run(case, "anonymous")


@REFUSED.parametrize()
def test_every_signed_in_operation_refuses_anonymous_clients_as_documented(case, marketplace):
    # Refused: 401, or before any view asks who is calling, 404 for a path that fits no URL
    # (`id=null`) and 400 for a malformed Idempotency-Key.
    assert 400 <= _run(case, "anonymous").status_code < 500


@schema.parametrize()
def test_every_operation_conforms_for_a_token_client(case, marketplace):
    _run(case, "token", headers={"Authorization": f"Token {token_key_for(marketplace)}"})


def test_the_run_covers_every_operation_of_the_schema():
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == sum(
        len([m for m in item if m in {"get", "post", "put", "patch", "delete"}])
        for item in published_schema()["paths"].values()
    )
    assert FREELANCER.username and Engagement  # the demo account the token run signs in as
