"""The jobs' cache generation: one version that every write to what the job list shows
bumps (a job, its skills, an invitation, a category or skill name), as the catalogue's pages
have theirs (services.pagecache). The list's facet counts and the jobs sitemap are cached
under it, so neither is ever older than the last edit.

Writes that bypass signals (`QuerySet.update()`) do not change what these show: read markers
only.
"""

from services.pagecache import CacheVersion

JOB_LISTINGS = CacheVersion("jobs:version")


def connect_signals() -> None:
    JOB_LISTINGS.connect("jobs.JobPost", "jobs.Invitation", "services.Category", "profiles.Skill")
