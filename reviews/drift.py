"""Compare the stored reputation with what the reviews say, to find and report drift.

The stored numbers (`review_count`, `rating_average`, `rating_score` on services;
`review_count`, `rating_average`, `completed_engagement_count` on profiles; each writing
aspect's count and average on both; `ClientReputation` for reviewed clients; the copies of a
service's count and score on its language pairs) are recomputed
in the same transaction as every change, so drift means a bug or a change made behind the
workflows' back (raw SQL, a restored backup). `recompute_reputation` reports it and fixes it.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from engagements.models import Engagement, EngagementState
from engagements.transitions import refresh_completed_counts
from profiles.models import Profile
from ratings.aspects import ASPECTS
from ratings.scores import damped_average, stored_average
from reviews.models import ClientReputation, Review
from reviews.reputation import (
    refresh_client_reputation,
    refresh_profile_reputation,
    refresh_reputation,
)
from services.models import Service, ServiceLanguagePair

SCORE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Drift:
    model: str  # "service", "profile" or "client"
    pk: int
    name: str
    field: str
    stored: object
    expected: object

    def __str__(self):
        return (
            f"{self.model} {self.pk} ({self.name}): {self.field} {self.stored} -> {self.expected}"
        )


def find_drift() -> list[Drift]:
    return [
        *_service_drift(),
        *_pair_drift(),
        *_profile_drift(),
        *_sub_rating_drift(),
        *_client_drift(),
    ]


def fix_drift(drift: list[Drift]) -> None:
    """Recompute every stored value of the services and profiles that `drift` names."""
    profiles = sorted({d.pk for d in drift if d.model == "profile"})
    with transaction.atomic():
        refresh_reputation(service_ids=sorted({d.pk for d in drift if d.model == "service"}))
        refresh_profile_reputation(profile_ids=profiles)
        refresh_completed_counts(profile_ids=profiles)
        refresh_client_reputation(user_ids={d.pk for d in drift if d.model == "client"})


def _service_drift() -> Iterator[Drift]:
    visible = Q(reviews__is_hidden=False, reviews__published_at__isnull=False)
    rows = (
        Service.objects.order_by("pk")
        .annotate(n=Count("reviews", filter=visible), total=Sum("reviews__rating", filter=visible))
        .values_list("pk", "title", "review_count", "rating_average", "rating_score", "n", "total")
    )
    for pk, title, count, average, score, n, total in rows.iterator(chunk_size=5_000):
        total = total or 0
        yield from _compare("service", pk, title, "review_count", count, n)
        yield from _compare(
            "service", pk, title, "rating_average", average, stored_average(total, n)
        )
        expected_score = damped_average(total, n)
        if abs(score - expected_score) > SCORE_TOLERANCE:
            yield Drift("service", pk, title, "rating_score", score, expected_score)


def _pair_drift() -> Iterator[Drift]:
    """Language pairs whose copies of the service's stored count and score differ from it
    (reviews.reputation writes both; the search sorts a pair's services by the copies)."""
    rows = (
        ServiceLanguagePair.objects.exclude(
            rating_score=F("service__rating_score"), review_count=F("service__review_count")
        )
        .order_by("service_id", "source", "target")
        .values_list(
            "service_id",
            "service__title",
            "source",
            "target",
            "review_count",
            "service__review_count",
            "rating_score",
            "service__rating_score",
        )
    )
    for pk, title, source, target, count, service_count, score, service_score in rows.iterator(
        chunk_size=5_000
    ):
        pair = f"{source}:{target} pair's"
        yield from _compare("service", pk, title, f"{pair} review_count", count, service_count)
        yield from _compare("service", pk, title, f"{pair} rating_score", score, service_score)


def _profile_drift() -> Iterator[Drift]:
    def per_profile(queryset, group_by: str, aggregate):
        return Coalesce(
            Subquery(
                queryset.order_by().values(group_by).annotate(value=aggregate).values("value")[:1],
                output_field=IntegerField(),
            ),
            0,
        )

    reviews = Review.objects.visible().filter(service__owner=OuterRef("pk"))
    completed = Engagement.objects.filter(
        freelancer=OuterRef("pk"), state=EngagementState.COMPLETED
    )
    rows = (
        Profile.objects.order_by("pk")
        .annotate(
            n=per_profile(reviews, "service__owner", Count("id")),
            total=per_profile(reviews, "service__owner", Sum("rating")),
            done=per_profile(completed, "freelancer", Count("id")),
        )
        .values_list(
            "pk",
            "display_name",
            "review_count",
            "rating_average",
            "completed_engagement_count",
            "n",
            "total",
            "done",
        )
    )
    for pk, name, count, average, completed_count, n, total, done in rows.iterator(
        chunk_size=5_000
    ):
        yield from _compare("profile", pk, name, "review_count", count, n)
        yield from _compare(
            "profile", pk, name, "rating_average", average, stored_average(total, n)
        )
        yield from _compare(
            "profile", pk, name, "completed_engagement_count", completed_count, done
        )


def _sub_rating_drift() -> Iterator[Drift]:
    """The writing sub-ratings' stored count and average per aspect (ratings.aspects), on
    services and on profiles, against their visible reviews."""
    for model, label, name_field, path in (
        (Service, "service", "title", "reviews__"),
        (Profile, "profile", "display_name", "services__reviews__"),
    ):
        visible = Q(**{f"{path}is_hidden": False, f"{path}published_at__isnull": False})
        annotations = {}
        for aspect in ASPECTS:
            column = f"{path}{aspect.rating_field}"
            annotations[f"n_{aspect.key}"] = Count(column, filter=visible)
            annotations[f"total_{aspect.key}"] = Sum(column, filter=visible)
        rows = model.objects.order_by("pk").annotate(**annotations)
        for row in rows.only("pk", name_field, *_aspect_fields()).iterator(chunk_size=5_000):
            name = getattr(row, name_field)
            for aspect in ASPECTS:
                n, total = getattr(row, f"n_{aspect.key}"), getattr(row, f"total_{aspect.key}")
                yield from _compare(
                    label, row.pk, name, aspect.count_field, getattr(row, aspect.count_field), n
                )
                yield from _compare(
                    label,
                    row.pk,
                    name,
                    aspect.average_field,
                    getattr(row, aspect.average_field),
                    stored_average(total or 0, n),
                )


def _aspect_fields() -> list[str]:
    return [f for aspect in ASPECTS for f in (aspect.count_field, aspect.average_field)]


def _client_drift() -> Iterator[Drift]:
    expected = {
        user_id: (n, total)
        for user_id, n, total in Review.objects.visible()
        .of_clients()
        .order_by()
        .values("subject_id")
        .annotate(n=Count("id"), total=Sum("rating"))
        .values_list("subject_id", "n", "total")
    }
    stored = {
        row.user_id: row for row in ClientReputation.objects.select_related("user").order_by()
    }
    for user_id in sorted(expected.keys() | stored.keys()):
        n, total = expected.get(user_id, (0, 0))
        row = stored.get(user_id)
        name = row.user.username if row else str(user_id)
        count, average = (row.review_count, row.rating_average) if row else (0, None)
        yield from _compare("client", user_id, name, "review_count", count, n)
        yield from _compare(
            "client", user_id, name, "rating_average", average, stored_average(total, n)
        )


def _compare(model: str, pk: int, name: str, field: str, stored, expected) -> Iterator[Drift]:
    if stored != expected:
        yield Drift(model, pk, name, field, stored, expected)
