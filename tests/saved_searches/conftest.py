"""Saving searches as the results pages do, and Sam's instant alert for news writers."""

import pytest

from saved_searches import queries, saving


@pytest.fixture
def save(db):
    """Save a search the way the results page does: from its address."""

    def make(user, url: str, *, name: str = "My search", frequency: str = "instant"):
        kind, params = queries.query_from_results_url(url)
        return saving.save_search(
            user=user,
            kind=kind.value,
            query=queries.normalised_query(kind, params),
            name=name,
            frequency=frequency,
        )

    return make


@pytest.fixture
def news_search(save, hiring_client, articles, news_writing):
    """Sam's instant alert for news-writing services in Articles & News."""
    return save(
        hiring_client,
        "/services/?q=news&skill=news-writing&category=articles-news",
        name="News writers",
    )
