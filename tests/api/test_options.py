"""OPTIONS, which DRF answers for every endpoint with what it accepts, never fails."""

import re

import pytest

from tests.support.schema import published_schema

pytestmark = pytest.mark.django_db

PATHS = sorted(published_schema()["paths"])


@pytest.mark.parametrize("who", ["anonymous", "freelancer"])
def test_options_answers_every_endpoint_without_a_server_error(as_user, service, who):
    # A view without a queryset (a workflow's own lookup) made DRF's metadata, which looks
    # for the object a PUT would change, fail with a 500.
    api = as_user(service.owner.user if who == "freelancer" else None)
    failures = []
    for path in PATHS:
        url = re.sub(r"\{(slug|service_slug)\}", service.slug, path)
        url = re.sub(r"\{tier\}", "basic", url)
        url = re.sub(r"\{[a-z_]+\}", "1", url)
        response = api.options(url)
        if response.status_code >= 500:
            failures.append((path, response.status_code))
    assert failures == []
