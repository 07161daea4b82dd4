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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Searchable:
    """A model searched like services (services, jobs): a stored `search_vector` over its
    `title` (A), its skills' and category's names (B) and its `body` field (D), which the
    SQLite fallback matches word by word instead."""

    table: str
    skills_table: str
    skills_column: str  # the skills table's column naming the row
    body: str
    body_limit: int  # characters of the body that count

    def refresh_sql(self, *, only_ids: bool) -> str:
        # The skills are aggregated once with GROUP BY and joined, not looked up per row:
        # 100,000 rows in seconds. Joining an unnested array hashes it; `= ANY(array)` would
        # compare every row with every id, which is quadratic for 100,000 ids.
        by_id = "{column} IN (SELECT unnest(%s::bigint[]))"
        return f"""
            UPDATE {self.table} SET search_vector = v.vector
            FROM (
                SELECT s.id,
                    setweight(to_tsvector('{SEARCH_CONFIG}', s.title), 'A')
                    || setweight(to_tsvector('{SEARCH_CONFIG}',
                        coalesce(sk.names, '') || ' ' || c.name || ' ' || coalesce(p.name, '')),
                        'B')
                    || setweight(to_tsvector('{SEARCH_CONFIG}',
                        left(s.{self.body}, {self.body_limit})), 'D')
                    AS vector
                FROM {self.table} s
                JOIN services_category c ON c.id = s.category_id
                LEFT JOIN services_category p ON p.id = c.parent_id
                LEFT JOIN (
                    SELECT l.{self.skills_column}, string_agg(k.name, ' ') AS names
                    FROM {self.skills_table} l JOIN profiles_skill k ON k.id = l.skill_id
                    {"WHERE " + by_id.format(column="l." + self.skills_column) if only_ids else ""}
                    GROUP BY l.{self.skills_column}
                ) sk ON sk.{self.skills_column} = s.id
                {"WHERE " + by_id.format(column="s.id") if only_ids else ""}
            ) AS v
            WHERE v.id = {self.table}.id
        """

    def refresh(self, ids: Iterable[int] | None) -> None:
        """Recompute the stored vectors of these rows (all rows when None); a no-op on
        SQLite."""
        if not uses_postgres():
            return
        if ids is None:
            sql, params = self.refresh_sql(only_ids=False), []
        else:
            ids = list(ids)
            if not ids:
                return
            sql, params = self.refresh_sql(only_ids=True), [ids, ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


SERVICES = Searchable(
    table="services_service",
    skills_table="services_service_skills",
    skills_column="service_id",
    body="description",
    body_limit=20_000,
)
_WORD = re.compile(r"[\w']+", re.UNICODE)
_OPERATORS = {"or", "and", "not"}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def refresh_search_vectors(*, service_ids: Iterable[int] | None = None) -> None:
    """Recompute the stored vectors of these services (all services when None).

    Called after a service, its skills or its category change. A no-op on SQLite.
    """
    SERVICES.refresh(service_ids)


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


def search(queryset: QuerySet, text: str, *, body: str = SERVICES.body) -> QuerySet:
    """Rows of `queryset` (services, or any `Searchable` model whose long text is `body`)
    matching `text`, annotated with `rank` (higher is better)."""
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
            | Q(**{f"{body}__icontains": word})
            | Q(skills__name__icontains=word)
            | Q(category__name__icontains=word)
        )
    ids = queryset.filter(matches).values("pk")
    rank = _sqlite_rank(queryset.model, " ".join(words), words, body=body)
    return queryset.filter(pk__in=ids).annotate(rank=rank)


# SQLite's stand-in for the PostgreSQL weights (A title, B skills and category, D body).
_PHRASE_IN_TITLE, _IN_TITLE, _IN_SKILLS, _IN_BODY = 8.0, 4.0, 2.0, 1.0


def _sqlite_rank(model, phrase: str, words: list[str], *, body: str):
    def points(condition, weight: float) -> Case:
        return Case(When(condition, then=Value(weight)), default=Value(0.0))

    skills = model.skills
    row_column = skills.field.m2m_field_name()  # "service", "jobpost"
    rank = points(Q(title__icontains=phrase), _PHRASE_IN_TITLE)
    for word in words:
        in_skills = Exists(
            skills.through.objects.filter(
                **{row_column: OuterRef("pk"), "skill__name__icontains": word}
            )
        )
        rank += (
            points(Q(title__icontains=word), _IN_TITLE)
            + points(in_skills | Q(category__name__icontains=word), _IN_SKILLS)
            + points(Q(**{f"{body}__icontains": word}), _IN_BODY)
        )
    return ExpressionWrapper(rank, output_field=FloatField())
