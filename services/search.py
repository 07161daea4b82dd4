"""Full-text search over services.

PostgreSQL: a stored, GIN-indexed `search_vector` (title A, skills and category names B,
description D) in the `english_unaccent` configuration (English stemming, accents ignored),
queried with web-search syntax ("quoted phrase", -word, or). When a query finds nothing, each
word is replaced by its closest known term by trigram similarity (pg_trgm), so "jurnalism"
finds journalism services.

SQLite (the quick local run): a case-insensitive match on title, description and skills,
ranked like PostgreSQL's weights: the whole query in the title first, then each word found in
the title, then in skills or category, then in the description.
"""

import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

SEARCH_CONFIG = "english_unaccent"
# Weights by field: title A, skills and category names B, description D. The skills are
# aggregated once with GROUP BY and joined, not looked up per row: 100,000 rows in seconds.
_REFRESH_SQL = """
    UPDATE services_service SET search_vector = v.vector
    FROM (
        SELECT s.id,
            setweight(to_tsvector('english_unaccent', s.title), 'A')
            || setweight(to_tsvector('english_unaccent',
                coalesce(sk.names, '') || ' ' || c.name || ' ' || coalesce(p.name, '')), 'B')
            || setweight(to_tsvector('english_unaccent', left(s.description, 20000)), 'D')
            AS vector
        FROM services_service s
        JOIN services_category c ON c.id = s.category_id
        LEFT JOIN services_category p ON p.id = c.parent_id
        LEFT JOIN (
            SELECT l.service_id, string_agg(k.name, ' ') AS names
            FROM services_service_skills l JOIN profiles_skill k ON k.id = l.skill_id
            {skills_where}
            GROUP BY l.service_id
        ) sk ON sk.service_id = s.id
        {where}
    ) AS v
    WHERE v.id = services_service.id
"""
_WORD = re.compile(r"[\w']+", re.UNICODE)
_OPERATORS = {"or", "and", "not"}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def refresh_search_vectors(*, service_ids: Iterable[int] | None = None) -> None:
    """Recompute the stored vectors of these services (all services when None).

    Called after a service, its skills or its category change. A no-op on SQLite.
    """
    if not uses_postgres():
        return
    if service_ids is None:
        sql, params = _REFRESH_SQL.format(skills_where="", where=""), []
    else:
        ids = list(service_ids)
        if not ids:
            return
        # Joining an unnested array hashes it; `= ANY(array)` would compare every row with
        # every id, which is quadratic for the generator's 100,000 ids.
        sql = _REFRESH_SQL.format(
            skills_where="WHERE l.service_id IN (SELECT unnest(%s::bigint[]))",
            where="WHERE s.id IN (SELECT unnest(%s::bigint[]))",
        )
        params = [ids, ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refresh_search_vectors_in_category(category) -> None:
    """A category rename changes the text of every service under it."""
    from services.models import Service

    refresh_search_vectors(
        service_ids=Service.objects.in_category(category).values_list("pk", flat=True)
    )


def refresh_search_vectors_with_skill(skill) -> None:
    """A skill rename changes the text of every service that lists it."""
    refresh_search_vectors(service_ids=skill.services.values_list("pk", flat=True))


def corrected_query(text: str) -> str | None:
    """The query with each unknown word replaced by the closest skill or category word.

    None when nothing could be corrected (or on SQLite, which has no pg_trgm).
    """
    if not uses_postgres():
        return None
    words = _WORD.findall(text.lower())
    if not words:
        return None
    corrected, changed = [], False
    with connection.cursor() as cursor:
        for word in words:
            if word in _OPERATORS or len(word) < 4:
                corrected.append(word)
                continue
            cursor.execute(
                """
                SELECT term FROM (
                    SELECT DISTINCT lower(t) AS term FROM (
                        SELECT regexp_split_to_table(name, '[^[:alnum:]]+') FROM profiles_skill
                        UNION ALL
                        SELECT regexp_split_to_table(name, '[^[:alnum:]]+') FROM services_category
                    ) AS words(t) WHERE length(t) >= 3
                ) AS vocabulary
                WHERE similarity(term, %s) >= 0.35
                ORDER BY similarity(term, %s) DESC, term LIMIT 1
                """,
                [word, word],
            )
            row = cursor.fetchone()
            if row and row[0] != word:
                corrected.append(row[0])
                changed = True
            else:
                corrected.append(word)
    return " ".join(corrected) if changed else None


def top_matches(queryset: QuerySet, matches: QuerySet, text: str, *, limit: int) -> QuerySet:
    """The first `limit` rows of `matches` (in no particular order), as rows of `queryset`
    annotated with `rank`, for a relevance sort.

    Ranking reads every match's stored vector: for a word that matches 20,000 services that
    is most of a search's time. Ranking a bounded window of matches costs the same whatever
    the catalogue's size. The window is taken by primary key from the unfiltered `queryset`,
    so the database looks up `limit` rows instead of scanning every match a second time.
    """
    window = queryset.filter(pk__in=matches.order_by().values("pk")[:limit])
    if uses_postgres():
        query = SearchQuery(text.strip(), search_type="websearch", config=SEARCH_CONFIG)
        return window.annotate(rank=SearchRank(F("search_vector"), query))
    return window.annotate(rank=Value(0.0))


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Services of `queryset` matching `text`, annotated with `rank` (higher is better)."""
    text = text.strip()
    if not text:
        return queryset
    if uses_postgres():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    matches = Q()
    words = [word for word in _WORD.findall(text) if word.lower() not in _OPERATORS]
    for word in words:
        matches &= (
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(skills__name__icontains=word)
            | Q(category__name__icontains=word)
        )
    ids = queryset.filter(matches).values("pk")
    return queryset.filter(pk__in=ids).annotate(rank=_sqlite_rank(" ".join(words), words))


# SQLite's stand-in for the PostgreSQL weights (A title, B skills and category, D description).
_PHRASE_IN_TITLE, _IN_TITLE, _IN_SKILLS, _IN_DESCRIPTION = 8.0, 4.0, 2.0, 1.0


def _sqlite_rank(phrase: str, words: list[str]):
    from services.models import Service

    def points(condition, weight: float) -> Case:
        return Case(When(condition, then=Value(weight)), default=Value(0.0))

    rank = points(Q(title__icontains=phrase), _PHRASE_IN_TITLE)
    for word in words:
        in_skills = Exists(
            Service.skills.through.objects.filter(
                service_id=OuterRef("pk"), skill__name__icontains=word
            )
        )
        rank += (
            points(Q(title__icontains=word), _IN_TITLE)
            + points(in_skills | Q(category__name__icontains=word), _IN_SKILLS)
            + points(Q(description__icontains=word), _IN_DESCRIPTION)
        )
    return ExpressionWrapper(rank, output_field=FloatField())
