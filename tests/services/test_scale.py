"""What keeps pages fast at 100,000 services, seen from outside: bounded ranking, one count."""

import pytest
from django.http import QueryDict

from services import filters
from services.filters import ServiceFilter
from services.models import Service
from services.search import refresh_search_vectors
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_matches():
    services = ServiceFactory.create_batch(3, description="Fact-checked news writing.")
    ServiceFactory(title="I will design a logo", description="Vector logos.")
    refresh_search_vectors()
    return services


def test_a_relevance_sort_ranks_a_window_of_matches_but_counts_them_all(
    client, monkeypatch, three_matches
):
    monkeypatch.setattr(filters, "RANKED_MATCHES", 2)
    response = client.get("/services/", {"q": "news writing"})
    assert "3 services found" in response.content.decode(), response.context["total"]
    assert len(response.context["page"].object_list) == 2
    assert response.context["page"].paginator.num_pages == 1


def test_other_sorts_page_through_every_match(client, monkeypatch, three_matches):
    monkeypatch.setattr(filters, "RANKED_MATCHES", 2)
    response = client.get("/services/", {"q": "news writing", "sort": "newest"})
    assert len(response.context["page"].object_list) == 3


def test_the_api_counts_every_match_and_pages_through_the_ranked_window(
    client, monkeypatch, three_matches
):
    monkeypatch.setattr(filters, "RANKED_MATCHES", 2)
    body = client.get("/api/v1/services/", {"q": "news writing", "page_size": 1}).json()
    assert body["count"] == 3
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None


def test_the_ranked_pages_and_the_filtered_queryset_agree_on_the_order(client):
    """Pages sort the ranked window in Python; other readers of the filter set get it from
    the database in the same order: the best match, then the best rated, then the newest."""
    in_body = ServiceFactory(title="Reports", description="Fact-checked news writing.")
    in_body_rated = ServiceFactory(
        title="Stories", description="Fact-checked news writing.", rating_score=4.9
    )
    in_title = ServiceFactory(title="News writing for weeklies", description="Reports.")
    in_body_newer = ServiceFactory(title="Columns", description="Fact-checked news writing.")
    refresh_search_vectors()
    expected = [in_title, in_body_rated, in_body_newer, in_body]

    page = client.get("/services/", {"q": "news writing"}).context["page"]
    api = client.get("/api/v1/services/", {"q": "news writing"}).json()["results"]
    filterset = ServiceFilter(QueryDict("q=news+writing"), queryset=Service.objects.published())
    assert [row.pk for row in page.object_list] == [service.pk for service in expected]
    assert [row["slug"] for row in api] == [service.slug for service in expected]
    assert list(filterset.qs) == expected


def test_a_relevance_sort_ranks_the_best_rated_matches_not_the_first_found(client, monkeypatch):
    """Past the window, the best-rated matches are ranked, whatever order they were added in."""
    monkeypatch.setattr("services.filters.RANKED_MATCHES", 2)
    oldest_unrated = ServiceFactory(title="News writing for weeklies", rating_score=3.0)
    rated = ServiceFactory(title="Stories", description="News writing.", rating_score=4.6)
    best_rated = ServiceFactory(title="Columns", description="News writing.", rating_score=4.9)
    refresh_search_vectors()

    page = client.get("/services/", {"q": "news writing"}).context["page"]
    # Same rank: the better rated first; the oldest, unrated, is past the window.
    assert [row.pk for row in page.object_list] == [best_rated.pk, rated.pk]
    assert oldest_unrated.pk not in {row.pk for row in page.object_list}
    assert page.paginator.count == 2
