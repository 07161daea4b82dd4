"""How a search sorted by relevance orders its matches: how well the text matches, blended
with what a client weighs next, the listing's quality.

    relevance = √(text match) × (QUALITY_FLOOR + (1 − QUALITY_FLOOR) × quality)
    quality   = RATING_WEIGHT × rating + TRACK_RECORD_WEIGHT × track record
                + COMPLETENESS_WEIGHT × completeness

- text match: the match's full-text rank (services.search) divided by the best match's, so the
  best match has 1. Its square root gives diminishing returns: a listing that repeats the words
  twice as often is not twice as relevant.
- rating: the service's damped average (reviews.reputation, the "Best rated" score) from
  UNRECOMMENDED_RATING stars or below (0: an average of 3 stars recommends nothing) to 5 stars
  (1). A service without reviews sits at the prior mean, 3.5 stars: a quarter.
- track record: the freelancer's completed engagements, n / (n + TRACK_RECORD_HALF): 0 for
  none, ½ at TRACK_RECORD_HALF, approaching 1 and never past it.
- completeness: the share of the freelancer's profile a client looks for that is filled in
  (profiles.models.COMPLETENESS_CHECKS).

A listing with no quality at all keeps QUALITY_FLOOR of its text match: the words searched for
always count, and quality decides between listings that match them alike. The About ratings
page explains this blend from these constants, and tests/services/test_relevance.py measures
it (NDCG@10 against graded judgements).
"""

import math
from dataclasses import dataclass

QUALITY_FLOOR = 0.2
RATING_WEIGHT = 0.6
TRACK_RECORD_WEIGHT = 0.3
COMPLETENESS_WEIGHT = 0.1
TRACK_RECORD_HALF = 3
UNRECOMMENDED_RATING, HIGHEST_RATING = 3, 5


@dataclass(frozen=True)
class Match:
    """One search result as the blend reads it."""

    pk: int
    text_rank: float
    rating_score: float
    completed_engagements: int
    completeness: float  # 0 to 1


def quality(*, rating_score: float, completed_engagements: int, completeness: float) -> float:
    """The listing's quality from 0 to 1."""
    rating = (rating_score - UNRECOMMENDED_RATING) / (HIGHEST_RATING - UNRECOMMENDED_RATING)
    track_record = completed_engagements / (completed_engagements + TRACK_RECORD_HALF)
    return (
        RATING_WEIGHT * min(1.0, max(0.0, rating))
        + TRACK_RECORD_WEIGHT * track_record
        + COMPLETENESS_WEIGHT * completeness
    )


def relevance(match: Match, *, best_text_rank: float) -> float:
    text_match = match.text_rank / best_text_rank if best_text_rank > 0 else 1.0
    listing_quality = quality(
        rating_score=match.rating_score,
        completed_engagements=match.completed_engagements,
        completeness=match.completeness,
    )
    return math.sqrt(max(0.0, text_match)) * (QUALITY_FLOOR + (1 - QUALITY_FLOOR) * listing_quality)


def by_relevance(matches: list[Match]) -> list[int]:
    """The matches' ids, most relevant first; ties go to the better rated, then the newest."""
    best = max((match.text_rank for match in matches), default=0.0)
    return [
        match.pk
        for match in sorted(
            matches,
            key=lambda match: (
                -relevance(match, best_text_rank=best),
                -match.rating_score,
                -match.pk,
            ),
        )
    ]
