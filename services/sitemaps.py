"""sitemap.xml sections: pages a search engine should index, with canonical URLs."""

import hashlib
from functools import cached_property
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from jobs.caching import JOB_LISTINGS
from jobs.models import JobPost
from profiles.models import Profile
from services import pagecache
from services.models import Category, Service


class CanonicalSitemap(Sitemap):
    """URLs on SITE_URL, like the pages' canonical links, whichever host was asked."""

    limit = 10_000

    def get_urls(self, page=1, site=None, protocol=None):
        origin = urlsplit(settings.SITE_URL)
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=origin.netloc), protocol=origin.scheme
        )


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


class ProfileSitemap(CanonicalSitemap):
    changefreq = "weekly"

    def items(self):
        return Profile.objects.with_public_services().only("slug", "updated_at").order_by("pk")

    def lastmod(self, profile):
        return profile.updated_at


class JobSitemap(CanonicalSitemap):
    """Jobs while they are open and public: closed, filled and invite-only jobs drop out."""

    changefreq = "daily"
    cache_version = JOB_LISTINGS

    def items(self):
        # (id, updated_at) pairs, read from the `job_listed_sitemap` index alone: no model
        # instances for thousands of rows.
        return JobPost.objects.listed().order_by("pk").values_list("pk", "updated_at")

    def location(self, item):
        return self._job_path.format(pk=item[0])

    @cached_property
    def _job_path(self) -> str:
        # The job page's path with a slot for the id: reversing it per row was most of a
        # large section's time.
        return reverse("jobs:detail", kwargs={"pk": 987654321}).replace("987654321", "{pk}")

    def lastmod(self, item):
        return item[1]


SITEMAP_CACHE_SECONDS = 3600
SITEMAP_TEMPLATE = "services/sitemap.xml"


def section(request: HttpRequest, section: str, sitemaps: dict) -> HttpResponse:
    """One section of the sitemap, cached under the version of what it lists (the
    catalogue's by default, a sitemap's own `cache_version` otherwise): a write that changes
    the section makes a new version, so a crawler never reads one older than the last edit,
    and thousands of rows are rendered once per change instead of once per request."""
    sitemap = sitemaps.get(section)
    if sitemap is None:
        return sitemap_views.sitemap(request, sitemaps, section=section)  # its 404
    version = getattr(sitemap, "cache_version", pagecache.CATALOGUE)
    page = hashlib.sha256(request.GET.get("p", "1").encode()).hexdigest()[:16]
    key = f"sitemap:{version.key}:{version.current()}:{section}:{page}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    response = sitemap_views.sitemap(
        request, sitemaps, section=section, template_name=SITEMAP_TEMPLATE
    )
    response.render()
    if response.status_code == 200:
        cache.set(key, response, SITEMAP_CACHE_SECONDS)
    return response


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "services": ServiceSitemap,
    "freelancers": ProfileSitemap,
    "jobs": JobSitemap,
}
