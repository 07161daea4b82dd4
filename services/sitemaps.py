"""sitemap.xml sections of the catalogue: its pages, categories and services."""

from django.urls import reverse

from marketplace.sitemaps import CanonicalSitemap
from services.models import Category, Service


class PageSitemap(CanonicalSitemap):
    changefreq = "daily"

    def items(self):
        return ["services:home", "services:list", "reviews:about_ratings"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(CanonicalSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.order_by("pk")


class ServiceSitemap(CanonicalSitemap):
    changefreq = "weekly"

    def items(self):
        return Service.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, service):
        return service.updated_at
