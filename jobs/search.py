"""Full-text search over job posts: the services' search (services.search) on the jobs' table.

PostgreSQL: a stored `search_vector` (title A, skills and category names B, brief D) in the
same `english_unaccent` configuration, queried with web-search syntax, ranked by SearchRank.
SQLite: every word must appear in the title, the brief, a skill or the category name, ranked
like the services' fallback.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from services import search as services_search

JOBS = services_search.Searchable(
    table="jobs_jobpost",
    skills_table="jobs_jobpost_skills",
    skills_column="jobpost_id",
    body="brief",
    body_limit=10_000,
)


def refresh_search_vectors(*, job_ids: Iterable[int]) -> None:
    """Recompute the stored vectors of these jobs, after a job or its skills change.

    A no-op on SQLite.
    """
    JOBS.refresh(list(job_ids))


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Jobs of `queryset` matching `text`, annotated with `rank` (higher is better)."""
    return services_search.search(queryset, text, body=JOBS.body)
