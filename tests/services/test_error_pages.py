"""The friendly error pages, in the site's layout."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_the_not_found_page_uses_the_layout_and_offers_a_search(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert '<h1 id="error-heading">We could not find that page</h1>' in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_server_error_page_renders_without_the_database_or_context_processors():
    # No django_db mark: any query would fail the test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert '<header class="site-header">' in html
    assert "Freelance Commons" in html
