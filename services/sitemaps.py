"""sitemap.xml sections: pages a search engine should index, with canonical URLs."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from jobs.models import JobPost
from profiles.models import Profile
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

    def items(self):
        return JobPost.objects.listed().only("pk", "updated_at").order_by("pk")

    def lastmod(self, job):
        return job.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "services": ServiceSitemap,
    "freelancers": ProfileSitemap,
    "jobs": JobSitemap,
}
