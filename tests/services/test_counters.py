"""Each category's stored counts of published services, in all and per skill, follow every
workflow at once, the facet panels of the broad lists read them, and a command recounts them
from the services."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.erasure import delete_account
from services.deletion import delete_service
from services.models import Category, CategorySkillCount, Service, ServiceStatus
from services.publishing import pause_service, publish_service
from services.search import refresh_search_vectors
from tests.factories import LeafCategoryFactory, ServiceFactory, SkillFactory
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
    delete_account(user=service.owner.user, request=None)  # it takes the freelancer's services
    assert _stored(articles) == [0]


def test_a_status_changed_in_the_admin_moves_the_count(admin_client, service, articles):
    url = reverse("admin:services_service_change", args=[service.pk])
    admin_client.post(url, service_form(service, status=ServiceStatus.PAUSED))
    assert _stored(articles) == [0]
    assert _stored_skills(articles) == {}


def test_skills_changed_in_the_admin_move_the_skill_counts(admin_client, service, articles):
    editing = SkillFactory(name="Editing")
    url = reverse("admin:services_service_change", args=[service.pk])
    admin_client.post(url, service_form(service, skills=[editing.pk]))
    assert _stored_skills(articles) == {"editing": 1}


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


def _stored_skills(category: Category) -> dict[str, int]:
    rows = CategorySkillCount.objects.filter(category=category)
    return dict(rows.values_list("skill__slug", "published_service_count"))


def test_skill_counts_follow_publishing_editing_moving_and_deleting(
    service, articles, news_writing
):
    assert _stored_skills(articles) == {"news-writing": 1}
    draft = ServiceFactory(category=articles, status=ServiceStatus.DRAFT, skills=[news_writing])
    assert _stored_skills(articles) == {"news-writing": 1}
    publish_service(service=draft)
    assert _stored_skills(articles) == {"news-writing": 2}
    _edit(draft, skill_names=["News Writing", "Fact Checking"])
    assert _stored_skills(articles) == {"news-writing": 2, "fact-checking": 1}
    pause_service(service=service)
    assert _stored_skills(articles) == {"news-writing": 1, "fact-checking": 1}
    blogs = LeafCategoryFactory(parent=articles.parent, slug="blogs")
    _edit(draft, category=blogs, skill_names=["Fact Checking"])
    assert (_stored_skills(articles), _stored_skills(blogs)) == ({}, {"fact-checking": 1})
    delete_service(service=draft)
    assert _stored_skills(blogs) == {}


def test_an_account_deletion_takes_its_services_skill_counts(service, articles, news_writing):
    ServiceFactory(category=articles, skills=[news_writing])
    delete_account(user=service.owner.user, request=None)
    assert _stored_skills(articles) == {"news-writing": 1}


def test_an_account_deleted_in_the_admin_takes_its_services_counts(admin_client, service, articles):
    url = reverse("admin:accounts_user_delete", args=[service.owner.user_id])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert (_stored(articles), _stored_skills(articles)) == ([0], {})


def test_a_move_by_a_stale_copy_recounts_the_category_the_service_really_left(service, articles):
    blogs = LeafCategoryFactory(parent=articles.parent, slug="blogs")
    essays = LeafCategoryFactory(parent=articles.parent, slug="essays")
    stale = Service.objects.get(pk=service.pk)  # loaded in articles
    _edit(service, category=blogs)  # another writer moves it first
    _edit(stale, category=essays)
    assert _stored(articles, blogs, essays) == [0, 0, 1]


def test_an_edit_of_the_text_alone_recounts_nothing(service):
    with CaptureQueriesContext(connection) as queries:
        _edit(service, title="I will write your news fast", skill_names=["News Writing"])
    assert not [q["sql"] for q in queries if "services_categoryskillcount" in q["sql"]]


def test_the_broad_lists_read_their_skill_facets_from_the_counters(
    client, service, articles, news_writing
):
    editing = SkillFactory(name="Editing")
    ServiceFactory(category=articles, skills=[news_writing, editing])
    ServiceFactory(category=articles, status=ServiceStatus.DRAFT, skills=[editing])
    ServiceFactory(category=LeafCategoryFactory(slug="logos"), skills=[editing])
    refresh_search_vectors(service_ids=list(Service.objects.values_list("pk", flat=True)))
    expected = {
        reverse("services:list"): [(editing, 2), (news_writing, 2)],  # ties by name
        articles.get_absolute_url(): [(news_writing, 2), (editing, 1)],
        articles.parent.get_absolute_url(): [(news_writing, 2), (editing, 1)],
    }
    for url, skills in expected.items():
        cache.clear()  # the first visitor after a write
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert list(response.context["skill_facets"]) == skills
        assert not [q["sql"] for q in queries if "services_service_skills" in q["sql"]]
    facets = client.get(reverse("api:service-list")).json()["facets"]
    assert [(s["slug"], s["count"]) for s in facets["skills"]] == [
        ("editing", 2),
        ("news-writing", 2),
    ]
    filtered = client.get(reverse("services:list"), {"q": "news"}).context["skill_facets"]
    assert list(filtered) == [(news_writing, 2), (editing, 1)]  # a search counts its matches


def test_the_command_finds_and_repairs_drifted_skill_counts(service, articles):
    CategorySkillCount.objects.filter(category=articles).update(published_service_count=5)
    with pytest.raises(CommandError, match="1 category count"):
        call_command("recount_categories", "--check")
    call_command("recount_categories")
    assert _stored_skills(articles) == {"news-writing": 1}


def test_a_skill_deleted_in_the_admin_leaves_the_skill_counts(
    admin_client, service, articles, news_writing
):
    url = reverse("admin:profiles_skill_delete", args=[news_writing.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert _stored_skills(articles) == {}
