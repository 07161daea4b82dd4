"""The profile's reviews section: paged by the freelancer's stored review count, and its
queries (which join every review of every service) run only when the section is rendered."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import reputation
from tests.factories import ReviewFactory, ServiceFactory

pytestmark = pytest.mark.django_db
REVIEWS_ON_TWO_PAGES = 12


@pytest.fixture
def reviewed_profile():
    services = ServiceFactory.create_batch(2)
    owner = services[0].owner
    services[1].owner = owner
    services[1].save()
    for n in range(REVIEWS_ON_TWO_PAGES):
        ReviewFactory(service=services[n % 2], rating=4, text=f"Review number {n}, in words.")
    reputation.refresh_reputation(service_ids=[service.pk for service in services])
    owner.refresh_from_db()
    return owner


def test_the_reviews_are_paged_by_the_stored_count(client, reviewed_profile):
    first = client.get(reviewed_profile.get_absolute_url())
    second = client.get(reviewed_profile.get_absolute_url() + "?page=2")
    assert len(first.context["review_page"].object_list) == 10
    assert len(second.context["review_page"].object_list) == REVIEWS_ON_TWO_PAGES - 10
    assert f"{REVIEWS_ON_TWO_PAGES} Reviews" in first.content.decode()


def test_a_cached_reviews_section_costs_no_review_query(client, reviewed_profile):
    url = reviewed_profile.get_absolute_url()
    client.get(url)  # renders the section and caches it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert f"{REVIEWS_ON_TWO_PAGES} Reviews" in response.content.decode()
    assert not [q for q in queries.captured_queries if "reviews_review" in q["sql"]]
