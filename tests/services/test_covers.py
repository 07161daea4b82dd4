"""Every service card leads with a picture of its own: the freelancer's banner, or a cover
generated from the service (services.covers)."""

import re

import pytest
from django.core.files.base import ContentFile

from marketplace.pagecache import catalogue_changed
from services.covers import CATEGORY_STYLES, cover_svg
from tests.factories import LeafCategoryFactory, ServiceFactory
from tests.support.pages import text_of

pytestmark = pytest.mark.django_db


def cards_of(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<article class="card service-card">(.*?)</article>', html, re.S)


@pytest.fixture
def writing(db):
    return LeafCategoryFactory(
        name="Articles & News", slug="articles-news", parent__slug="writing-translation"
    )


def test_two_services_of_one_category_get_different_covers_with_their_titles(client, writing):
    ServiceFactory(title="Council reporting", slug="council-reporting", category=writing)
    ServiceFactory(title="Court reporting", slug="court-reporting", category=writing)
    first, second = cards_of(client.get("/services/"))
    covers = [
        re.search(r'<svg class="cover".*?</svg>', card, re.S).group(0) for card in (first, second)
    ]
    assert covers[0] != covers[1]
    assert any("Council reporting" in cover for cover in covers)
    assert any("Court reporting" in cover for cover in covers)
    # The category's colour, for both.
    assert all(CATEGORY_STYLES["writing-translation"].colour in cover for cover in covers)


def test_a_cover_is_the_same_at_every_render(writing):
    service = ServiceFactory(title="Council reporting", category=writing)
    drawings = {
        cover_svg(title=service.title, category=service.category, slug=service.slug, uid="1")
        for _ in range(2)
    }
    assert len(drawings) == 1


def test_a_cover_escapes_the_title_and_shortens_a_long_one(writing):
    title = "<script>alert(1)</script> " + "very long words " * 10
    cover = cover_svg(title=title, category=writing, slug="x", uid="1")
    assert "<script>" not in cover and "&lt;script&gt;" in cover
    assert cover.count("<tspan") == 3 and "…" in cover


def test_a_freelancer_s_uploaded_banner_is_their_cards_picture(client, writing):
    service = ServiceFactory(category=writing)
    service.owner.banner.save("mine.png", ContentFile(b"png"), save=True)
    (card,) = cards_of(client.get("/services/"))
    assert f'<img src="{service.owner.banner.url}" alt=""' in card
    assert '<svg class="cover"' not in card


def test_the_cover_is_decorative_and_the_card_s_text_names_the_service_once(client, writing):
    ServiceFactory(title="Council reporting", category=writing)
    (card,) = cards_of(client.get("/services/"))
    assert re.search(r'<svg class="cover"[^>]* aria-hidden="true"', card)
    assert text_of(client.get("/services/")).count("Council reporting") == 1


def test_pages_show_a_banner_only_when_the_freelancer_uploaded_one(client, writing):
    service = ServiceFactory(category=writing)
    for url in (service.get_absolute_url(), service.owner.get_absolute_url()):
        assert 'class="banner' not in client.get(url).content.decode()
    service.owner.banner.save("mine.png", ContentFile(b"png"), save=True)
    catalogue_changed()  # as the upload's workflow does (profiles.uploads)
    for url in (service.get_absolute_url(), service.owner.get_absolute_url()):
        assert '<img class="banner"' in client.get(url).content.decode()
