"""Full-text search over job posts, in the services' configuration (services.search).

PostgreSQL: a stored `search_vector` (title A, skills and category names B, brief D) in the
same `english_unaccent` configuration, queried with web-search syntax, ranked by SearchRank.
SQLite: every word must appear in the title, the brief, a skill or the category name.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet, Value

from services.search import _OPERATORS, _WORD, SEARCH_CONFIG, uses_postgres

_REFRESH_SQL = """
    UPDATE jobs_jobpost SET search_vector = v.vector
    FROM (
        SELECT j.id,
            setweight(to_tsvector('english_unaccent', j.title), 'A')
            || setweight(to_tsvector('english_unaccent',
                coalesce(sk.names, '') || ' ' || c.name || ' ' || coalesce(p.name, '')), 'B')
            || setweight(to_tsvector('english_unaccent', left(j.brief, 10000)), 'D')
            AS vector
        FROM jobs_jobpost j
        JOIN services_category c ON c.id = j.category_id
        LEFT JOIN services_category p ON p.id = c.parent_id
        LEFT JOIN (
            SELECT l.jobpost_id, string_agg(k.name, ' ') AS names
            FROM jobs_jobpost_skills l JOIN profiles_skill k ON k.id = l.skill_id
            WHERE l.jobpost_id IN (SELECT unnest(%s::bigint[]))
            GROUP BY l.jobpost_id
        ) sk ON sk.jobpost_id = j.id
        WHERE j.id IN (SELECT unnest(%s::bigint[]))
    ) AS v
    WHERE v.id = jobs_jobpost.id
"""


def refresh_search_vectors(*, job_ids: Iterable[int]) -> None:
    """Recompute the stored vectors of these jobs, after a job or its skills change.

    A no-op on SQLite.
    """
    ids = list(job_ids)
    if not ids or not uses_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH_SQL, [ids, ids])


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Jobs of `queryset` matching `text`, annotated with `rank` (higher is better)."""
    text = text.strip()
    if not text:
        return queryset
    if uses_postgres():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    matches = Q()
    for word in (w for w in _WORD.findall(text) if w.lower() not in _OPERATORS):
        matches &= (
            Q(title__icontains=word)
            | Q(brief__icontains=word)
            | Q(skills__name__icontains=word)
            | Q(category__name__icontains=word)
        )
    return queryset.filter(pk__in=queryset.filter(matches).values("pk")).annotate(rank=Value(0.0))
