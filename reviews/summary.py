"""The rating summary shown above a list of reviews: count, average and 5-to-1 distribution."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet


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


def rating_summary(reviews: QuerySet, *, count: int, average: Decimal | None) -> RatingSummary:
    """Summarise `reviews` (already restricted to visible ones) in one grouped query.

    `count` and `average` are the stored totals (reviews.reputation keeps them current), so the
    page says the same as search results sorted and filtered by them.
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
    return RatingSummary(count=count, average=average, bars=bars)


def review_page(reviews: QuerySet, *, count: int, number, per_page: int) -> Page:
    """One page of `reviews`, newest first, paged by the stored count of visible reviews.

    The stored count (reviews.reputation keeps it current) saves a COUNT(*) that, for a
    freelancer, joins every review of every service they offer; with no reviews, the page
    is empty without a query.
    """
    paginator = Paginator(reviews if count else reviews.none(), per_page)
    paginator.count = count
    return paginator.get_page(number)
