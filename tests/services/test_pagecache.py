"""Whole-page caching for anonymous visitors: fast repeats, and never a stale page after a write.

Transactional tests: the cache version moves when a write commits, as in production.
"""

import pytest
from django.urls import reverse

from profiles.editing import edit_writing_sample
from reviews.submission import submit_review
from services.deletion import delete_service
from services.editing import edit_service
from services.models import Service, ServiceStatus
from services.publishing import pause_service, publish_service
from tests.factories import (
    CompletedEngagementFactory,
    LeafCategoryFactory,
    ProfileFactory,
    ServiceFactory,
    WritingSampleFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def service():
    category = LeafCategoryFactory(name="Articles & News", parent__name="Writing & Translation")
    return ServiceFactory(title="I will write a news article", category=category)


def _edit(service: Service, **changes) -> Service:
    fields = {
        "title": service.title,
        "category": service.category,
        "description": service.description,
        "hourly_rate": service.hourly_rate,
        "starting_price": service.starting_price,
        "currency": service.currency,
        "engagement": service.engagement,
        "skill_names": [],
        **changes,
    }
    return edit_service(service=service, **fields)


def _pages_listing(service: Service) -> list[str]:
    return [
        reverse("services:home"),
        reverse("services:list"),
        service.category.get_absolute_url(),
        service.category.parent.get_absolute_url(),
        service.owner.get_absolute_url(),
    ]


def test_a_repeated_anonymous_request_is_served_from_the_cache_without_a_query(
    client, service, django_assert_num_queries
):
    first = client.get(service.get_absolute_url())
    # A change behind the workflows' back (no signal) proves the second answer is the cache's.
    Service.objects.filter(pk=service.pk).update(title="Changed behind the cache's back")
    with django_assert_num_queries(0):
        second = client.get(service.get_absolute_url())
    assert second.content == first.content
    assert b"I will write a news article" in second.content


def test_a_cached_page_answers_not_modified_to_a_browser_that_has_it(client, service):
    url = service.category.get_absolute_url()
    client.get(url)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_signed_in_visitors_get_their_own_page_not_the_anonymous_one(client, service):
    client.get(service.get_absolute_url())
    client.force_login(service.owner.user)
    assert b"Sign out" in client.get(service.get_absolute_url()).content


def test_an_edit_shows_at_once_on_every_page_that_shows_the_service(client, service):
    for url in _pages_listing(service):
        assert b"I will write a news article" in client.get(url).content, url
    service = _edit(service, title="I will write a feature story")
    for url in [*_pages_listing(service), service.get_absolute_url()]:
        assert b"I will write a feature story" in client.get(url).content, url


def test_publishing_shows_the_service_at_once(client, service):
    draft = ServiceFactory(
        title="A draft about to go live", category=service.category, status=ServiceStatus.DRAFT
    )
    pages = _pages_listing(draft)
    for url in pages:
        assert b"A draft about to go live" not in client.get(url).content, url
    publish_service(service=draft)
    for url in pages:
        assert b"A draft about to go live" in client.get(url).content, url


def test_pausing_hides_the_service_at_once(client, service):
    pages = _pages_listing(service)
    for url in [*pages, service.get_absolute_url()]:
        client.get(url)
    pause_service(service=service)
    for url in pages:
        assert b"I will write a news article" not in client.get(url).content, url
    assert client.get(service.get_absolute_url()).status_code == 404


def test_deleting_removes_the_service_at_once(client, service):
    pages = _pages_listing(service)
    for url in pages:
        client.get(url)
    delete_service(service=service)
    for url in pages:
        assert b"I will write a news article" not in client.get(url).content, url


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_new_review_shows_at_once_with_the_new_counts(client, settings, service, page_cache):
    settings.PAGE_CACHE = page_cache
    url = service.get_absolute_url()
    assert b"0 Reviews" in client.get(url).content
    engagement = CompletedEngagementFactory(service=service)
    submit_review(
        engagement=engagement,
        author=engagement.client,
        rating=4,
        text="Sharp, well-researched and on time.",
    )
    assert b"0 Reviews" in client.get(url).content  # double-blind: waits for the other side
    submit_review(  # the freelancer's review of the client publishes both
        engagement=engagement,
        author=engagement.freelancer.user,
        rating=5,
        text="A clear brief and paid on time.",
    )
    page = client.get(url).content
    assert b"Sharp, well-researched and on time." in page
    assert b"1 Review<" in page
    assert (
        b"Sharp, well-researched and on time."
        in client.get(service.owner.get_absolute_url()).content
    )


def test_a_category_renamed_in_the_admin_shows_at_once(client, admin_client, service):
    pages = [reverse("services:home"), service.category.get_absolute_url()]
    for url in pages:
        client.get(url)
    category = service.category
    change = reverse("admin:services_category_change", args=[category.pk])
    form = {"name": "Journalism", "slug": category.slug, "parent": category.parent_id}
    assert admin_client.post(change, {**form, "position": 0}).status_code == 302
    for url in pages:
        assert b"Journalism" in client.get(url).content, url


def test_a_writing_sample_edit_shows_at_once(client):
    sample = WritingSampleFactory(title="First title", profile=ProfileFactory())
    url = sample.get_absolute_url()
    assert b"First title" in client.get(url).content
    edit_writing_sample(sample=sample, title="Second title", body=sample.body)
    assert b"Second title" in client.get(url).content


def test_the_api_list_is_cached_and_made_stale_by_a_write(client, service):
    draft = ServiceFactory(category=service.category, status=ServiceStatus.DRAFT)
    url = reverse("api:service-list")
    assert client.get(url).json()["count"] == 1
    publish_service(service=draft)
    assert client.get(url).json()["count"] == 2


@pytest.mark.parametrize("page_cache", [True, False])
def test_counts_follow_a_publish_and_a_pause_at_once(client, settings, service, page_cache):
    settings.PAGE_CACHE = page_cache
    category = service.category

    def counts() -> tuple[int, int, int]:
        tree = {c.pk: c.service_count for c in client.get("/").context["categories"]}
        browse = client.get(category.get_absolute_url()).context
        facets = dict(browse["category_facets"])
        return tree[category.parent_id], facets[category], browse["total"]

    assert counts() == (1, 1, 1)
    draft = ServiceFactory(category=category, status=ServiceStatus.DRAFT)
    assert counts() == (1, 1, 1)
    publish_service(service=draft)
    assert counts() == (2, 2, 2)
    pause_service(service=service)
    assert counts() == (1, 1, 1)


@pytest.mark.parametrize("page_cache", [True, False])
def test_the_api_list_shows_an_edit_at_once(client, settings, service, page_cache):
    settings.PAGE_CACHE = page_cache
    url = reverse("api:service-list")
    assert client.get(url).json()["results"][0]["title"] == "I will write a news article"
    _edit(service, title="I will write a feature story")
    assert client.get(url).json()["results"][0]["title"] == "I will write a feature story"
