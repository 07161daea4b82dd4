"""How a list of star ratings becomes the figures pages show and sort by.

"Best rated" sorts by a damped (Bayesian) average that pulls whatever has few reviews towards
a prior, so one 5-star review does not outrank a hundred 4.9s:

    score = (PRIOR_WEIGHT * PRIOR_MEAN + sum of ratings) / (PRIOR_WEIGHT + number of reviews)
"""

from decimal import ROUND_HALF_UP, Decimal

PRIOR_MEAN = 3.5
PRIOR_WEIGHT = 5
# Stored averages have two decimals, halves rounded up: 4.625 is 4.63. SQL's ROUND on a
# numeric does the same, and `stored_average` is the rule for every average computed in Python.
AVERAGE_PLACES = Decimal("0.01")


def damped_average(rating_sum: float, count: int) -> float:
    return (PRIOR_WEIGHT * PRIOR_MEAN + rating_sum) / (PRIOR_WEIGHT + count)


def stored_average(rating_sum: int, count: int) -> Decimal | None:
    """The average as stored: two decimals, halves rounded up (None without reviews)."""
    if not count:
        return None
    return (Decimal(rating_sum) / count).quantize(AVERAGE_PLACES, rounding=ROUND_HALF_UP)
