from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from marketplace import sitemaps
from pages import views
from pages.defaults import PAGES
from pages.sitemaps import SITEMAPS

app_name = "pages"

# The pages the footer links; their text is edited in the admin (pages.models.Page).
PAGE_SLUGS = [slug for slug, *_ in PAGES]

urlpatterns = [
    *(path(f"{slug}/", views.page_detail, {"slug": slug}, name=slug) for slug in PAGE_SLUGS),
    path("contact/", views.contact, name="contact"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "pages:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.section, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("design/", views.design_system, name="design"),
]
