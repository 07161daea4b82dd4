"""Each category's stored count of published services follows every workflow at once, and a
command recounts them from the services."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from services.deletion import delete_service
from services.models import Category, ServiceStatus
from services.publishing import pause_service, publish_service
from tests.factories import LeafCategoryFactory, ServiceFactory
from tests.services.test_admin import service_form
from tests.services.test_pagecache import _edit

pytestmark = pytest.mark.django_db


def _stored(*categories: Category) -> list[int]:
    return [Category.objects.get(pk=category.pk).published_service_count for category in categories]


def _tree_counts(client) -> dict[str, int]:
    """What the home page's category tree says, by slug (top-level ones include children)."""
    tree = client.get(reverse("services:home")).context["categories"]
    counts = {}
    for root in tree:
        counts[root.slug] = root.service_count
        counts.update({child.slug: child.service_count for child in root.subcategories})
    return counts


def test_publishing_and_pausing_move_the_count(client, service, articles):
    assert _stored(articles) == [1]
    draft = ServiceFactory(category=articles, status=ServiceStatus.DRAFT)
    assert _stored(articles) == [1]
    publish_service(service=draft)
    assert _stored(articles) == [2]
    pause_service(service=service)
    assert _stored(articles) == [1]
    assert _tree_counts(client)[articles.slug] == 1
    assert _tree_counts(client)[articles.parent.slug] == 1


def test_moving_a_service_recounts_both_categories(client, service, articles):
    blogs = LeafCategoryFactory(parent=articles.parent, slug="blogs")
    _edit(service, category=blogs)
    assert _stored(articles, blogs) == [0, 1]
    counts = _tree_counts(client)
    assert (counts[articles.slug], counts[blogs.slug], counts[articles.parent.slug]) == (0, 1, 1)


def test_deleting_a_service_and_its_owner_take_their_counts(service, articles):
    other = ServiceFactory(category=articles)
    assert _stored(articles) == [2]
    delete_service(service=other)
    assert _stored(articles) == [1]
    service.owner.user.delete()  # an account deletion takes the freelancer's services
    assert _stored(articles) == [0]


def test_a_status_changed_in_the_admin_moves_the_count(admin_client, service, articles):
    url = reverse("admin:services_service_change", args=[service.pk])
    admin_client.post(url, service_form(service, status=ServiceStatus.PAUSED))
    assert _stored(articles) == [0]


def test_the_api_category_tree_shows_the_stored_counts(client, service, articles):
    ServiceFactory(category=articles, status=ServiceStatus.DRAFT)
    roots = client.get(reverse("api:category-list")).json()["results"]
    writing = next(root for root in roots if root["slug"] == articles.parent.slug)
    assert writing["service_count"] == 1
    assert writing["subcategories"][0]["service_count"] == 1


def test_the_command_recounts_drifted_counts_and_check_fails_on_drift(service, articles):
    Category.objects.filter(pk=articles.pk).update(published_service_count=7)
    with pytest.raises(CommandError, match="1 category count"):
        call_command("recount_categories", "--check")
    assert _stored(articles) == [7]
    call_command("recount_categories")
    assert _stored(articles) == [1]
    call_command("recount_categories", "--check")  # no drift left: no error
