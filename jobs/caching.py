"""The jobs' cache generation: a version that the job workflows move on (posting, editing,
publishing, closing, filling a job; attaching files; inviting), read together with the
taxonomy's (category and skill names, `marketplace.pagecache.TAXONOMY`). The list's facet
counts and the jobs sitemap are cached under it, so neither is ever older than the last edit.
The job list and job pages, as anonymous visitors see them, are cached under it and the
catalogue's version too (they show the client's name and reviews, which the catalogue's
workflows change).

Read markers (`jobs.reading`) change nothing these show.
"""

from marketplace.pagecache import CATALOGUE, TAXONOMY, CacheVersion, CombinedVersion

JOBS = CacheVersion("jobs:version")
JOB_LISTINGS = CombinedVersion(JOBS, TAXONOMY)
JOB_PAGES = CombinedVersion(JOBS, TAXONOMY, CATALOGUE)


def job_listings_changed() -> None:
    """A job or an invitation changed: the lists' counts and the sitemap are stale."""
    JOBS.changed()
