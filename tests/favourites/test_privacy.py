"""Favourites are private: no page, API answer or schema tells who saved what, or how many.

And the pages anonymous visitors get from the page cache never carry a signed-in user's state.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from favourites.models import Favourite
from tests.support.schema import published_schema

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


def public_answers(service) -> dict[str, bytes]:
    """What anyone can read about the service and its freelancer, pages and API."""
    anonymous = Client()
    urls = [
        service.get_absolute_url(),
        service.owner.get_absolute_url(),
        reverse("services:list"),
        reverse("api:service-detail", kwargs={"slug": service.slug}),
        reverse("api:profile-detail", kwargs={"slug": service.owner.slug}),
        reverse("api:service-list"),
    ]
    return {url: anonymous.get(url).content for url in urls}


def test_saving_changes_nothing_anyone_else_can_read(service, hiring_client, outsider, settings):
    settings.PAGE_CACHE = False  # every answer freshly rendered, not the cache's copy
    before = public_answers(service)
    Favourite.objects.create(user=hiring_client, service=service)
    Favourite.objects.create(user=outsider, service=service)
    Favourite.objects.create(user=outsider, profile=service.owner)
    assert public_answers(service) == before


def without_csrf_tokens(html: bytes) -> str:
    """A signed-in page without its CSRF tokens, which are masked anew on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def test_the_freelancer_sees_no_count_of_who_saved_them(service, freelancer, hiring_client):
    client = Client()
    client.force_login(freelancer)
    urls = [service.get_absolute_url(), service.owner.get_absolute_url(), "/dashboard/"]
    before = {url: without_csrf_tokens(client.get(url).content) for url in urls}
    Favourite.objects.create(user=hiring_client, service=service)
    Favourite.objects.create(user=hiring_client, profile=service.owner)
    after = {url: without_csrf_tokens(client.get(url).content) for url in urls}
    assert after == before


def test_the_schema_has_no_favourite_counts():
    schema = published_schema()
    for name, component in schema["components"]["schemas"].items():
        properties = " ".join(component.get("properties", {}))
        assert not re.search(r"favourite|\bsaved", properties, re.IGNORECASE) or name.startswith(
            ("Favourite", "PaginatedFavourite")
        ), name
    favourite = schema["components"]["schemas"]["Favourite"]["properties"]
    assert not any("count" in field for field in favourite)


def test_a_signed_in_page_never_enters_the_anonymous_cache(service, hiring_client):
    url = reverse("services:list")
    anonymous_first = Client().get(url).content.decode()
    signed_in = Client()
    signed_in.force_login(hiring_client)
    Favourite.objects.create(user=hiring_client, service=service)
    own = signed_in.get(url).content.decode()
    assert 'aria-pressed="true"' in own
    anonymous_after = Client().get(url)
    assert anonymous_after.content.decode() == anonymous_first
    assert "csrfmiddlewaretoken" not in anonymous_first
    assert "aria-pressed" not in anonymous_first
    assert not anonymous_after.cookies  # no CSRF cookie: the page stays cacheable
    # Anonymous cards have no save button at all: a grid of sign-in links would be noise.
    assert "favourite" not in anonymous_first


def test_an_anonymous_service_page_offers_to_sign_in_and_come_back(service):
    html = Client().get(service.get_absolute_url()).content.decode()
    assert (
        f'href="/accounts/login/?next=/services/{service.slug}/%23favourite">Save this service</a>'
        in html
    )
    assert "csrfmiddlewaretoken" not in html


def test_an_anonymous_visit_does_not_change_what_a_signed_in_user_sees(service, hiring_client):
    url = service.get_absolute_url()
    Client().get(url)  # cached for anonymous visitors
    Favourite.objects.create(user=hiring_client, service=service)
    signed_in = Client()
    signed_in.force_login(hiring_client)
    assert 'aria-pressed="true"' in signed_in.get(url).content.decode()


def test_the_admin_does_not_list_favourites():
    from django.contrib import admin

    assert Favourite not in admin.site._registry
