"""The service list's deep pages: after the first pages, `next` is a cursor that starts the
page at the last service's sort key, and walking the links visits every service once, in the
order the page numbers give."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from services import keyset
from services.keyset import PAGES_BY_NUMBER
from services.models import Service
from tests.factories import ServiceFactory
from tests.support.api import error_of
from tests.support.schema import published_schema

pytestmark = pytest.mark.django_db
SERVICES = "/api/v1/services/"
SERVICE_COUNT = 2 * (PAGES_BY_NUMBER + 2) + 1  # page size 2: cursor pages, and a short last one


@pytest.fixture
def services(articles):
    """Ties on every sort (same score, rate and time), and services with no hourly rate."""
    now = timezone.now()
    made = []
    for n in range(SERVICE_COUNT):
        made.append(
            ServiceFactory(
                category=articles,
                hourly_rate=None if n % 4 == 0 else Decimal(10 + n % 3),
                starting_price=Decimal(50),
            )
        )
    for n, service in enumerate(made):
        Service.objects.filter(pk=service.pk).update(
            created_at=now - timedelta(hours=n // 3), rating_score=4.0 + (n % 2)
        )
    return made


def walk(api, url: str) -> tuple[list[str], list[str]]:
    """Every slug, following `next` from `url`, and each `next` link."""
    slugs, links = [], []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        slugs += [item["slug"] for item in body["results"]]
        url = body["next"]
        if url:
            links.append(url)
    return slugs, links


@pytest.mark.parametrize("sort", ["best_rated", "rate_low", "rate_high", "newest"])
def test_following_next_visits_every_service_once_in_page_number_order(api, services, sort):
    by_number = []
    for number in range(1, SERVICE_COUNT // 2 + 2):
        by_number += [
            item["slug"]
            for item in api.get(f"{SERVICES}?sort={sort}&page_size=2&page={number}").json()[
                "results"
            ]
        ]
    slugs, links = walk(api, f"{SERVICES}?sort={sort}&page_size=2")
    assert slugs == by_number
    assert sorted(slugs) == sorted(service.slug for service in services)
    # The first pages link by number, then by cursor; filters and page size are kept.
    assert all("page=" in link for link in links[: PAGES_BY_NUMBER - 1])
    assert all(
        "cursor=" in link and "page=" not in link.replace("page_size", "")
        for link in links[PAGES_BY_NUMBER - 1 :]
    )
    assert all(f"sort={sort}" in link and "page_size=2" in link for link in links)


def test_a_cursor_page_keeps_the_count_and_has_no_previous_link(api, services):
    _, links = walk(api, f"{SERVICES}?page_size=2")
    body = api.get(links[-1]).json()
    assert body["count"] == SERVICE_COUNT
    assert body["previous"] is None
    assert body["next"] is None  # the last page


def test_a_cursor_page_costs_constant_queries(api, services, django_assert_max_num_queries):
    _, links = walk(api, f"{SERVICES}?page_size=2")
    api.get(links[-2])
    with django_assert_max_num_queries(4):
        assert api.get(links[-2]).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("cursor=bm90IGpzb24", "Not a cursor from this list"),
        ("cursor=" + keyset.encode("newest", ("2026-01-01T00:00:00+00:00", 3)), "another sort"),
        ("q=news&cursor=" + keyset.encode("newest", ("2026-01-01T00:00:00+00:00", 3)), "no cursor"),
        ("cursor=" + keyset.encode("best_rated", (4.0, 0, 10**30)), "Not a cursor"),
        ("cursor=" + keyset.encode("best_rated", ("nan", 0, 3)), "Not a cursor"),
        ("sort=rate_low&cursor=" + keyset.encode("rate_low", ("Infinity", 3)), "Not a cursor"),
        ("sort=newest&cursor=" + keyset.encode("newest", ("2026-01-01T00:00:00", 3)), "Not a"),
    ],
)
def test_a_cursor_this_list_did_not_give_out_is_a_404_naming_the_parameter(
    api, services, query, message
):
    response = api.get(f"{SERVICES}?{query}")
    assert response.status_code == 404
    (text,) = error_of(response)["errors"]["cursor"]
    assert message in text


def test_a_malformed_cursor_is_a_400_and_a_page_number_beside_a_cursor_is_ignored(api, services):
    response = api.get(f"{SERVICES}?cursor=!!")
    assert response.status_code == 400
    assert "Not a cursor" in error_of(response)["errors"]["cursor"][0]
    _, links = walk(api, f"{SERVICES}?page_size=2")
    cursor_link = links[-1]
    alone = api.get(cursor_link).json()
    with_page = api.get(cursor_link + "&page=1").json()
    assert with_page["results"] == alone["results"]


def test_the_schema_documents_the_cursor_and_its_pattern():
    operation = published_schema()["paths"]["/api/v1/services/"]["get"]
    (cursor,) = [p for p in operation["parameters"] if p["name"] == "cursor"]
    assert cursor["schema"]["pattern"] == keyset.CURSOR_PATTERN
    assert "next" in cursor["description"]
    assert "cursor" in operation["description"]
