"""Empty pages say why they are empty, and the home page promotes only categories with work."""

import pytest

from tests.factories import CategoryFactory, LeafCategoryFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_an_empty_category_without_filters_says_it_has_no_services_yet(client):
    category = LeafCategoryFactory(name="Podcast Editing")
    html = client.get(category.get_absolute_url()).content.decode()
    assert "No services in this category yet." in html
    assert "Try fewer filters" not in html


def test_an_empty_category_with_filters_suggests_fewer_filters(client):
    category = LeafCategoryFactory(name="Podcast Editing")
    html = client.get(category.get_absolute_url() + "?min_rate=5&sort=newest").content.decode()
    assert "No services match these filters." in html and "Try fewer filters" in html


def test_sorting_alone_is_not_a_filter(client):
    category = LeafCategoryFactory(name="Podcast Editing")
    html = client.get(category.get_absolute_url() + "?sort=newest&page=1").content.decode()
    assert "No services in this category yet." in html


def test_the_home_page_links_only_categories_that_have_services(client):
    busy = ServiceFactory(category__name="Copywriting", category__parent__name="Writing")
    parent_of_empty = CategoryFactory(name="Music & Audio")
    LeafCategoryFactory(name="Podcast Editing", parent=parent_of_empty)
    LeafCategoryFactory(name="Proofreading", parent=busy.category.parent)
    html = client.get("/").content.decode()
    assert busy.category.get_absolute_url() in html
    assert "Music &amp; Audio" not in html and "Podcast Editing" not in html
    assert "Proofreading" not in html
