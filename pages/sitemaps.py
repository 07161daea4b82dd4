"""The site's sitemap.xml: each app's sections, gathered here, at the top of the layers."""

from jobs.sitemaps import JobSitemap
from profiles.sitemaps import ProfileSitemap
from services.sitemaps import CategorySitemap, PageSitemap, ServiceSitemap

SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "services": ServiceSitemap,
    "freelancers": ProfileSitemap,
    "jobs": JobSitemap,
}
