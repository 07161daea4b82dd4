"""What every sitemap.xml section shares: canonical URLs, and one cached answer per version
of what a section lists."""

import hashlib
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from marketplace import pagecache


class CanonicalSitemap(Sitemap):
    """URLs on SITE_URL, like the pages' canonical links, whichever host was asked."""

    limit = 10_000

    def get_urls(self, page=1, site=None, protocol=None):
        origin = urlsplit(settings.SITE_URL)
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=origin.netloc), protocol=origin.scheme
        )


SITEMAP_CACHE_SECONDS = 3600
SITEMAP_TEMPLATE = "sitemap.xml"


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
