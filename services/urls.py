from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from services import sitemaps, views
from services.sitemaps import SITEMAPS

app_name = "services"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="list"),
    path("services/<slug:slug>/", views.service_detail, name="detail"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "services:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
