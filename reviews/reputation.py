"""Stored reputation: review counts and averages on services and profiles.

Pages sort and filter 100,000 services by these numbers, so they are stored, not computed per
request. Every review change calls `refresh_reputation` in the same transaction.

"Best rated" sorts by a damped (Bayesian) average that pulls services with few reviews towards
a prior, so one 5-star review does not outrank a hundred 4.9s:

    score = (PRIOR_WEIGHT * PRIOR_MEAN + sum of ratings) / (PRIOR_WEIGHT + number of reviews)
"""

from collections.abc import Iterable

from django.db.models import Avg, Count, DecimalField, FloatField, OuterRef, Subquery, Sum
from django.db.models.functions import Cast, Coalesce

from profiles.models import Profile
from reviews.models import Review
from services.models import Service

PRIOR_MEAN = 3.5
PRIOR_WEIGHT = 5


def damped_average(rating_sum: float, count: int) -> float:
    return (PRIOR_WEIGHT * PRIOR_MEAN + rating_sum) / (PRIOR_WEIGHT + count)


def refresh_reputation(*, service_ids: Iterable[int]) -> None:
    """Recompute count, average and damped score of these services and of their owners."""
    service_ids = list(service_ids)
    if not service_ids:
        return
    refresh_service_reputation(service_ids=service_ids)
    owner_ids = Service.objects.filter(pk__in=service_ids).values("owner_id")
    refresh_profile_reputation(profile_ids=owner_ids)


def refresh_service_reputation(*, service_ids: list[int]) -> None:
    visible = Review.objects.visible().filter(service=OuterRef("pk")).order_by()
    count = visible.values("service").annotate(n=Count("id")).values("n")[:1]
    total = visible.values("service").annotate(s=Sum("rating")).values("s")[:1]
    average = visible.values("service").annotate(a=Avg("rating")).values("a")[:1]
    n = Coalesce(Subquery(count), 0)
    rating_sum = Cast(Coalesce(Subquery(total), 0), FloatField())
    Service.objects.filter(pk__in=service_ids).update(
        review_count=n,
        rating_average=Cast(Subquery(average), DecimalField(max_digits=3, decimal_places=2)),
        rating_score=(PRIOR_WEIGHT * PRIOR_MEAN + rating_sum) / (PRIOR_WEIGHT + n),
    )


def refresh_profile_reputation(*, profile_ids) -> None:
    visible = Review.objects.visible().filter(service__owner=OuterRef("pk")).order_by()
    count = visible.values("service__owner").annotate(n=Count("id")).values("n")[:1]
    average = visible.values("service__owner").annotate(a=Avg("rating")).values("a")[:1]
    Profile.objects.filter(pk__in=profile_ids).update(
        review_count=Coalesce(Subquery(count), 0),
        rating_average=Cast(Subquery(average), DecimalField(max_digits=3, decimal_places=2)),
    )
