"""The rating summary shown above a list of reviews: count, average and 5-to-1 distribution."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from ratings.aspects import AspectSummary, aspect_summaries


@dataclass(frozen=True)
class RatingBar:
    stars: int
    count: int
    percent: int


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: Decimal | None
    bars: list[RatingBar]
    # The writing sub-ratings' stored averages (empty when no review rates an aspect).
    aspects: list[AspectSummary] = field(default_factory=list)


def rating_summary(
    reviews: QuerySet, *, count: int, average: Decimal | None, rated=None
) -> RatingSummary:
    """Summarise `reviews` (already restricted to visible ones) in one grouped query.

    `count` and `average` are the stored totals (reviews.reputation keeps them current), so the
    page says the same as search results sorted and filtered by them; so are the sub-ratings'
    figures, read from `rated` (the service or profile whose reviews these are).
    """
    per_rating = dict(
        reviews.order_by().values_list("rating").annotate(n=Count("id")).values_list("rating", "n")
    )
    total = sum(per_rating.values())
    bars = [
        RatingBar(
            stars=stars,
            count=per_rating.get(stars, 0),
            percent=round(100 * per_rating.get(stars, 0) / total) if total else 0,
        )
        for stars in range(5, 0, -1)
    ]
    aspects = aspect_summaries(rated) if rated is not None else []
    return RatingSummary(count=count, average=average, bars=bars, aspects=aspects)


def review_page(reviews: QuerySet, *, count: int, number, per_page: int) -> Page:
    """One page of `reviews`, newest first, paged by the stored count of visible reviews.

    The stored count (reviews.reputation keeps it current) saves a COUNT(*) that, for a
    freelancer, joins every review of every service they offer; with no reviews, the page
    is empty without a query.
    """
    paginator = Paginator(reviews if count else reviews.none(), per_page)
    paginator.count = count
    return paginator.get_page(number)
