"""Every list endpoint runs the same queries for a page of one item as for a page of fifty."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.search import refresh_search_vectors
from tests.factories import (
    CategoryFactory,
    CompletedEngagementFactory,
    EngagementFactory,
    LeafCategoryFactory,
    MessageFactory,
    ProfileFactory,
    ReviewFactory,
    ServiceFactory,
    SkillFactory,
    WritingSampleFactory,
)

pytestmark = pytest.mark.django_db
MANY = 50
# Token look-up, count, page, and what each page prefetches; facets add a few for services.
MAX_QUERIES = 12


def _categories(ctx, n):
    for _ in range(n):
        LeafCategoryFactory(parent=CategoryFactory())


def _skills(ctx, n):
    SkillFactory.create_batch(n)


def _services(ctx, n):
    for _ in range(n):
        ServiceFactory(skills=SkillFactory.create_batch(2))
    refresh_search_vectors()


def _profiles(ctx, n):
    for _ in range(n):
        ProfileFactory().skills.set(SkillFactory.create_batch(2))


def _samples(ctx, n):
    for _ in range(n):
        WritingSampleFactory(profile=ctx["profile"]).services.set([ctx["service"]])


def _own_services(ctx, n):
    for _ in range(n):
        ServiceFactory(owner=ctx["profile"], skills=[SkillFactory()])


def _reviews(ctx, n):
    for _ in range(n):
        ReviewFactory(service=ctx["service"])


def _engagements(ctx, n):
    for _ in range(n):
        engagement = CompletedEngagementFactory(client=ctx["freelancer"])
        MessageFactory(engagement=engagement, sender=engagement.freelancer.user)
        ReviewFactory(engagement=engagement, service=engagement.service, author=ctx["freelancer"])


def _messages(ctx, n):
    for index in range(n):
        sender = ctx["engagement"].client if index % 2 else ctx["freelancer"]
        MessageFactory(engagement=ctx["engagement"], sender=sender)


ENDPOINTS = {
    "categories": ("/api/v1/categories/", _categories),
    "skills": ("/api/v1/skills/", _skills),
    "services": ("/api/v1/services/", _services),
    "services searched": ("/api/v1/services/?q=article&sort=newest", _services),
    "profiles": ("/api/v1/profiles/", _profiles),
    "samples": ("/api/v1/profiles/elena/samples/", _samples),
    "profile services": ("/api/v1/profiles/elena/services/", _own_services),
    "own services": ("/api/v1/me/services/", _own_services),
    "service reviews": ("/api/v1/services/i-will-write-your-news/reviews/", _reviews),
    "profile reviews": ("/api/v1/profiles/elena/reviews/", _reviews),
    "engagements": ("/api/v1/engagements/", _engagements),
    "messages": ("/api/v1/engagements/{engagement}/messages/", _messages),
}


def _count_queries(api, url: str) -> tuple[int, int]:
    cache.clear()  # facet counts are cached: count them every time
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{url}{separator}page_size={MANY}")
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_list_runs_the_same_queries_for_one_item_and_for_fifty(
    name, as_user, freelancer, profile, service, hiring_client, django_assert_max_num_queries
):
    url, add = ENDPOINTS[name]
    ctx = {
        "freelancer": freelancer,
        "profile": profile,
        "service": service,
        "engagement": EngagementFactory(service=service, client=hiring_client),
    }
    url = url.format(engagement=ctx["engagement"].pk)
    api = as_user(freelancer)

    add(ctx, 1)
    with django_assert_max_num_queries(MAX_QUERIES):
        one, shown_one = _count_queries(api, url)
    add(ctx, MANY - 1)
    with django_assert_max_num_queries(MAX_QUERIES):
        many, shown_many = _count_queries(api, url)

    assert shown_many > shown_one
    assert many == one, f"{name}: {one} queries for {shown_one} items, {many} for {shown_many}"


def test_the_services_list_asked_again_runs_no_query_until_the_catalogue_changes(
    api, service, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = "/api/v1/services/?category=articles-news&page_size=1"
    first = api.get(url).json()
    # Its page's ids, counts, links and facets, and its services' JSON, are all kept.
    with django_assert_num_queries(0):
        assert api.get(url).json() == first
    with django_capture_on_commit_callbacks(execute=True):
        newer = ServiceFactory(category=service.category, title="A newer service")
    after = api.get(url).json()
    assert (first["count"], after["count"]) == (1, 2)
    assert after["next"] and not first["next"]
    assert newer.slug in {card["slug"] for card in api.get(after["next"]).json()["results"]} | {
        card["slug"] for card in after["results"]
    }
