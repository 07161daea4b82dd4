"""sitemap.xml section of freelancers' profiles."""

from marketplace.sitemaps import CanonicalSitemap
from profiles.models import Profile


class ProfileSitemap(CanonicalSitemap):
    changefreq = "weekly"

    def items(self):
        return Profile.objects.with_public_services().only("slug", "updated_at").order_by("pk")

    def lastmod(self, profile):
        return profile.updated_at
