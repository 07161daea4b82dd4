"""The jobs list in the page cache for anonymous visitors: served again without a query, never
older than the last write to a job, a category or a skill, and at most a minute old (it says
"posted 3 minutes ago")."""

import time
from types import SimpleNamespace

import pytest
from django.urls import reverse

from jobs import inviting, posting
from services.models import Category
from tests.factories import JobPostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 600


def _list(client) -> str:
    return client.get(reverse("jobs:list")).content.decode()


def test_a_repeated_anonymous_visit_is_served_from_the_cache(
    client, job, django_assert_num_queries
):
    first = client.get(reverse("jobs:list"))
    with django_assert_num_queries(0):
        second = client.get(reverse("jobs:list"))
    assert second.content == first.content
    assert "Five articles on local elections" in second.content.decode()


def test_a_new_or_closed_job_shows_at_once(client, job, hiring_client):
    assert "A feature on river ferries" not in _list(client)
    posting.post_job(
        job=JobPostFactory.build(
            client=hiring_client, category=job.category, title="A feature on river ferries"
        ),
        client=hiring_client,
        skill_names=["News Writing"],
        publish=True,
    )
    assert "A feature on river ferries" in _list(client)
    posting.close_job(job=job, by=hiring_client)
    assert "Five articles on local elections" not in _list(client)


def test_a_category_renamed_in_the_admin_shows_at_once(client, admin_client, job):
    assert "Feature Articles" not in _list(client)
    category = Category.objects.get(pk=job.category_id)
    admin_client.post(
        reverse("admin:services_category_change", args=[category.pk]),
        {
            "name": "Feature Articles",
            "slug": category.slug,
            "parent": category.parent_id,
            "description": category.description,
            "position": category.position,
        },
    )
    assert "Feature Articles" in _list(client)


def test_signed_in_readers_get_their_own_list(client, job, profile, freelancer, hiring_client):
    hidden = JobPostFactory(
        client=hiring_client, visibility="invite_only", title="An invited-only obituary"
    )
    inviting.invite(job=hidden, freelancer=profile, by=hiring_client, message="")
    assert "An invited-only obituary" not in _list(client)  # cached for anonymous visitors
    client.force_login(freelancer)
    assert "An invited-only obituary" in _list(client)
    client.logout()
    assert "An invited-only obituary" not in _list(client)


def test_a_cached_list_is_kept_a_minute_at_most(client, job, monkeypatch):
    _list(client)
    type(job).objects.filter(pk=job.pk).update(title="Changed behind the cache")
    assert "Changed behind the cache" not in _list(client)  # still the cached copy
    later = time.time() + 61
    monkeypatch.setattr(
        "django.core.cache.backends.locmem.time", SimpleNamespace(time=lambda: later)
    )
    assert "Changed behind the cache" in _list(client)
