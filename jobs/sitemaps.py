"""sitemap.xml section of open public jobs."""

from functools import cached_property

from django.urls import reverse

from jobs.caching import JOB_LISTINGS
from jobs.models import JobPost
from marketplace.sitemaps import CanonicalSitemap


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
