"""What search engines read: robots.txt, the sitemaps and the page metadata."""

import pytest

from services.models import ServiceStatus
from tests.factories import CategoryFactory, ProfileFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_paths(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /freelancers/*/resume/" in body


def test_the_sitemap_index_lists_every_section(client):
    body = client.get("/sitemap.xml").content.decode()
    for section in ["pages", "categories", "services", "freelancers"]:
        assert f"/sitemap-{section}.xml</loc>" in body


def test_the_services_sitemap_lists_published_services_at_their_canonical_url(client):
    published = ServiceFactory(slug="published-one")
    ServiceFactory(slug="a-draft", status=ServiceStatus.DRAFT)
    response = client.get("/sitemap-services.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<loc>http://127.0.0.1:8000/services/published-one/</loc>" in body
    assert "a-draft" not in body
    assert f"<lastmod>{published.updated_at.date().isoformat()}" in body


def test_the_freelancers_sitemap_lists_only_freelancers_with_a_published_service(client):
    ServiceFactory(owner=ProfileFactory(slug="active-freelancer"))
    ServiceFactory(owner=ProfileFactory(slug="drafting"), status=ServiceStatus.DRAFT)
    ProfileFactory(slug="no-services")
    body = client.get("/sitemap-freelancers.xml").content.decode()
    assert "/freelancers/active-freelancer/</loc>" in body
    assert "drafting" not in body and "no-services" not in body


def test_the_categories_and_pages_sitemaps_list_their_pages(client):
    CategoryFactory(slug="design-art")
    assert "/categories/design-art/</loc>" in client.get("/sitemap-categories.xml").content.decode()
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://127.0.0.1:8000/</loc>" in pages
    assert "<loc>http://127.0.0.1:8000/services/</loc>" in pages


def test_an_unknown_sitemap_section_or_page_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-services.xml?p=99").status_code == 404


@pytest.mark.parametrize("path", ["/", "/services/", "/reviews/about-ratings/"])
def test_every_page_has_a_title_description_canonical_url_and_open_graph_tags(client, path):
    html = client.get(path).content.decode()
    assert "<title>" in html and "Freelance Commons" in html
    assert '<meta name="description" content="' in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{path}">' in html
    assert '<meta property="og:title"' in html and '<meta property="og:type"' in html
