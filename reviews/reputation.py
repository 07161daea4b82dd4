"""Stored reputation: review counts and averages on services and profiles.

The writing sub-ratings' per-aspect counts and averages (ratings.aspects) are stored the same
way, by the same statements: see `_aspect_sets` and `_aspect_aggregates`.

Pages sort and filter 100,000 services by these numbers, so they are stored, not computed per
request. Every review change calls `refresh_reputation` (or `refresh_for_reviews`, which
also covers clients' reputation) in the same transaction. Only published, visible reviews
count: a review waiting for the other side (double-blind) counts nowhere yet. Services and
profiles count clients' reviews of freelancers; `ClientReputation` counts freelancers'
reviews of clients, with the same damped average.

The damped score that "best rated" sorts by, and the rounding of stored averages, are
`ratings.scores`.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Sum

from marketplace.pagecache import catalogue_changed
from profiles.models import Profile
from ratings.aspects import ASPECTS
from ratings.scores import PRIOR_MEAN, PRIOR_WEIGHT, damped_average, stored_average
from reviews.models import ClientReputation, Review
from services.models import Service

# One set-based statement per table (a GROUP BY joined back), so refreshing 100,000 services
# costs one aggregate pass, not a subquery per row. Hidden and pending reviews do not count;
# reviews of clients have no service, so the joins on service leave them out.
_SERVICE_SQL = """
    UPDATE services_service SET
        review_count = agg.n,
        rating_average = agg.average,
        rating_score = ({prior_total} + agg.total) / ({prior_weight} + agg.n){aspect_sets}
    FROM (
        SELECT s.id AS id, COUNT(r.id) AS n, COALESCE(SUM(r.rating), 0) * 1.0 AS total,
               ROUND(AVG(r.rating), 2) AS average{aspect_aggregates}
        FROM services_service s
        LEFT JOIN reviews_review r ON r.service_id = s.id AND NOT r.is_hidden
            AND r.published_at IS NOT NULL
        WHERE {where}
        GROUP BY s.id
    ) AS agg
    WHERE agg.id = services_service.id
"""
# A service's language pairs carry copies of its "best rated" keys (services.models
# .ServiceLanguagePair): written in the same transaction, just after the service's.
_PAIR_SQL = """
    UPDATE services_servicelanguagepair SET
        rating_score = s.rating_score, review_count = s.review_count
    FROM services_service s
    WHERE s.id = services_servicelanguagepair.service_id AND {where}
"""
_PROFILE_SQL = """
    UPDATE profiles_profile SET review_count = agg.n, rating_average = agg.average{aspect_sets}
    FROM (
        SELECT p.id AS id, COUNT(r.id) AS n, ROUND(AVG(r.rating), 2) AS average{aspect_aggregates}
        FROM profiles_profile p
        LEFT JOIN services_service s ON s.owner_id = p.id
        LEFT JOIN reviews_review r ON r.service_id = s.id AND NOT r.is_hidden
            AND r.published_at IS NOT NULL
        WHERE {where}
        GROUP BY p.id
    ) AS agg
    WHERE agg.id = profiles_profile.id
"""


# Writing sub-ratings (ratings.aspects): each aspect's count and average, computed in the same
# pass as the stars. COUNT and AVG of a column skip nulls, so a review that leaves an aspect
# unrated counts for the stars only. Column names come from our constant list, not user input.
def _aspect_sets() -> str:
    """`, <key>_count = agg.<key>_count, <key>_average = agg.<key>_average` per aspect."""
    return "".join(
        f",\n        {a.count_field} = agg.{a.count_field},"
        f" {a.average_field} = agg.{a.average_field}"
        for a in ASPECTS
    )


def _aspect_aggregates() -> str:
    """The sub-query's per-aspect COUNT and two-decimal AVG over visible reviews."""
    return "".join(
        f",\n               COUNT(r.{a.rating_field}) AS {a.count_field},"
        f" ROUND(AVG(r.{a.rating_field}), 2) AS {a.average_field}"
        for a in ASPECTS
    )


def _in_list(column: str, ids: list[int]) -> tuple[str, list[int]]:
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


@transaction.atomic
def refresh_reputation(*, service_ids: Iterable[int]) -> None:
    """Recompute count, average and damped score of these services and of their owners."""
    service_ids = list(service_ids)
    if not service_ids:
        return
    _lock_for_refresh(service_ids)
    refresh_service_reputation(service_ids=service_ids)
    owner_ids = Service.objects.filter(pk__in=service_ids).values_list("owner_id", flat=True)
    refresh_profile_reputation(profile_ids=set(owner_ids))
    catalogue_changed()


def _lock_for_refresh(service_ids: list[int]) -> None:
    """Lock the owners' profiles, then the services, in id order, before recounting them.

    Under READ COMMITTED an UPDATE computes its aggregates from a snapshot taken when the
    statement starts, so two transactions reviewing one service (or two services of one
    freelancer) at once could each count without the other's review, and the last write would
    win: stored counts would drift. Locking first, in a statement of its own, makes the second
    transaction wait and then recount with a fresh snapshot. NO KEY UPDATE does not conflict
    with the KEY SHARE lock that inserting a review takes on its service.
    """
    owner_ids = Service.objects.filter(pk__in=service_ids).values("owner_id")
    for rows in (
        Profile.objects.filter(pk__in=owner_ids),
        Service.objects.filter(pk__in=service_ids),
    ):
        list(rows.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))


def refresh_service_reputation(*, service_ids: Iterable[int] | None = None) -> None:
    """Recompute these services (every service when None) from their visible reviews."""
    where, params = ("1 = 1", []) if service_ids is None else _in_list("s.id", list(service_ids))
    if service_ids is not None and not params:
        return
    # The constants are ours (floats), not user input, so they are written into the SQL.
    sql = _SERVICE_SQL.format(
        prior_total=float(PRIOR_WEIGHT * PRIOR_MEAN),
        prior_weight=float(PRIOR_WEIGHT),
        where=where,
        aspect_sets=_aspect_sets(),
        aspect_aggregates=_aspect_aggregates(),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.execute(_PAIR_SQL.format(where=where), params)


def refresh_profile_reputation(*, profile_ids: Iterable[int] | None = None) -> None:
    """Recompute these profiles (every profile when None) across all their services."""
    where, params = ("1 = 1", []) if profile_ids is None else _in_list("p.id", list(profile_ids))
    if profile_ids is not None and not params:
        return
    with connection.cursor() as cursor:
        sql = _PROFILE_SQL.format(
            where=where, aspect_sets=_aspect_sets(), aspect_aggregates=_aspect_aggregates()
        )
        cursor.execute(sql, params)


@transaction.atomic
def refresh_for_reviews(reviews) -> None:
    """Refresh whatever these reviews count towards: services and profiles, or clients."""
    reviews = list(reviews)
    refresh_reputation(
        service_ids=sorted({review.service_id for review in reviews if review.service_id})
    )
    refresh_client_reputation(
        user_ids=[review.subject_id for review in reviews if review.service_id is None]
    )


@transaction.atomic
def refresh_client_reputation(*, user_ids: Iterable[int]) -> None:
    """Recompute these clients' stored totals from freelancers' visible reviews of them.

    The clients' user rows are locked first, in id order, for the reason `_lock_for_refresh`
    gives: two reviews of one client published at once must not each count without the other.
    """
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    users = get_user_model().objects.filter(pk__in=user_ids)
    list(users.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))
    totals = {
        subject_id: (n, total)
        for subject_id, n, total in Review.objects.visible()
        .of_clients()
        .filter(subject_id__in=user_ids)
        .order_by()
        .values("subject_id")
        .annotate(n=Count("id"), total=Sum("rating"))
        .values_list("subject_id", "n", "total")
    }
    for user_id in user_ids:
        n, total = totals.get(user_id, (0, 0))
        ClientReputation.objects.update_or_create(
            user_id=user_id,
            defaults={
                "review_count": n,
                "rating_average": stored_average(total, n),
                "rating_score": damped_average(total, n),
            },
        )
    catalogue_changed()  # clients' pages show these
