"""`{% url %}` keeps a view's URL without arguments per process (marketplace.remembered_urls):
it must give what Django's tag gives, wherever the site is served from and whatever the URL
configuration."""

from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import include, path, set_script_prefix

LINKS = (
    "{% url 'pages:about' %} {% url 'pages:about' as about %}[{{ about }}] "
    "{% url 'pages:sitemap-section' 'services' %}"
)


def _links() -> str:
    return engines["django"].from_string(LINKS).render({})


def test_links_are_the_ones_django_reverses():
    assert _links() == "/about/ [/about/] /sitemap-services.xml"
    assert _links() == "/about/ [/about/] /sitemap-services.xml"


def test_a_site_served_under_a_path_links_under_it():
    _links()
    set_script_prefix("/market/")
    try:
        assert _links() == "/market/about/ [/market/about/] /market/sitemap-services.xml"
    finally:
        set_script_prefix("/")
    assert _links() == "/about/ [/about/] /sitemap-services.xml"


class Moved:
    """A URL configuration where the same views live elsewhere."""

    urlpatterns = [
        path(
            "elsewhere/",
            include(
                (
                    [
                        path("about/", HttpResponse, name="about"),
                        path("sitemap-<section>.xml", HttpResponse, name="sitemap-section"),
                    ],
                    "pages",
                )
            ),
        )
    ]


def test_another_url_configuration_gives_its_own_links():
    _links()
    with override_settings(ROOT_URLCONF=Moved):
        assert _links() == ("/elsewhere/about/ [/elsewhere/about/] /elsewhere/sitemap-services.xml")
    assert _links() == "/about/ [/about/] /sitemap-services.xml"
