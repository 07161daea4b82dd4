"""Writing, editing, deleting and answering reviews: the rules that make a review "verified".

Only the client of a completed engagement may review it, once (the database's unique index on
`Review.engagement` is the guarantee; a lost race becomes a friendly refusal, not a 500),
within REVIEW_WINDOW of completion, never of their own service. The author may edit within
`reviews.models.EDIT_WINDOW` and delete at any time; the reviewed freelancer may answer once,
publicly, and edit that answer. Every change that can move a count or an average refreshes
the stored reputation in the same transaction.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from engagements.models import Engagement, EngagementState
from reviews.aspects import ASPECTS
from reviews.exceptions import ReviewRefused
from reviews.models import EDIT_WINDOW, Review
from reviews.reputation import refresh_reputation

REVIEW_WINDOW = timedelta(days=30)
RESPONSE_MAX_LENGTH = 5_000


def review_deadline(engagement: Engagement) -> datetime | None:
    """When the client's chance to review this engagement ends (None until it completes)."""
    if engagement.completed_at is None:
        return None
    return engagement.completed_at + REVIEW_WINDOW


def review_refusal(
    *, engagement: Engagement, author, now: datetime | None = None
) -> ReviewRefused | None:
    """Why `author` may not review `engagement` now, or None if they may."""
    if not author.is_authenticated:
        return ReviewRefused("Sign in to leave a review.", code="anonymous")
    if engagement.freelancer.user_id == author.pk:
        return ReviewRefused("You cannot review your own service.", code="own_service")
    if engagement.client_id != author.pk:
        return ReviewRefused(
            "Only the client who hired this freelancer can review the work.", code="not_client"
        )
    if engagement.state != EngagementState.COMPLETED:
        return ReviewRefused(
            "You can review this work once the engagement is completed.", code="not_completed"
        )
    deadline = review_deadline(engagement)
    if (now or timezone.now()) > deadline:
        return ReviewRefused(
            f"Reviews are open for {REVIEW_WINDOW.days} days after completion; this one "
            f"closed on {date_format(deadline, 'j F Y')}.",
            code="window_closed",
        )
    if Review.objects.filter(engagement=engagement).exists():
        return ReviewRefused("You have already reviewed this work.", code="duplicate")
    return None


def submit_review(
    *,
    engagement: Engagement,
    author,
    rating: int,
    text: str,
    sub_ratings: Mapping[str, int | None] | None = None,
) -> Review:
    """`sub_ratings`: stars per writing aspect (reviews.aspects key), None for "not rated"."""
    refusal = review_refusal(engagement=engagement, author=author)
    if refusal:
        raise refusal
    review = Review(
        engagement=engagement,
        service_id=engagement.service_id,
        author=author,
        rating=rating,
        text=text.strip(),
        work_completed_on=timezone.localdate(engagement.completed_at),
        **_sub_rating_columns(sub_ratings),
    )
    _validate(review)
    try:
        with transaction.atomic():
            review.save()
            refresh_reputation(service_ids=[review.service_id])
    except IntegrityError:
        # A concurrent submission won the race for the engagement's one review.
        if Review.objects.filter(engagement=engagement).exists():
            raise ReviewRefused("You have already reviewed this work.", code="duplicate") from None
        raise
    return review


def edit_refusal(*, review: Review, author, now: datetime | None = None) -> ReviewRefused | None:
    """Why `author` may not edit `review` now, or None if they may."""
    if not author.is_authenticated or review.author_id != author.pk:
        return ReviewRefused("Only the author can edit this review.", code="not_author")
    if review.is_hidden:
        return ReviewRefused("A review hidden by a moderator cannot be edited.", code="hidden")
    if not review.is_editable_by(author, now):
        return ReviewRefused(
            f"Reviews can be edited for {EDIT_WINDOW.days} days after posting; "
            "this one can no longer be changed.",
            code="edit_window_closed",
        )
    return None


def edit_review(
    *,
    review: Review,
    author,
    rating: int,
    text: str,
    sub_ratings: Mapping[str, int | None] | None = None,
) -> Review:
    """`sub_ratings` as for `submit_review`; aspects it leaves out keep their stars."""
    refusal = edit_refusal(review=review, author=author)
    if refusal:
        raise refusal
    text = text.strip()
    columns = _sub_rating_columns(sub_ratings, every_aspect=False)
    unchanged = all(getattr(review, name) == value for name, value in columns.items())
    if (rating, text) == (review.rating, review.text) and unchanged:
        return review
    review.rating, review.text, review.edited_at = rating, text, timezone.now()
    for name, value in columns.items():
        setattr(review, name, value)
    _validate(review)
    with transaction.atomic():
        review.save(update_fields=["rating", "text", *columns, "edited_at", "updated_at"])
        refresh_reputation(service_ids=[review.service_id])
    return review


def delete_review(*, review: Review, author) -> None:
    if not author.is_authenticated or review.author_id != author.pk:
        raise ReviewRefused("Only the author can delete this review.", code="not_author")
    with transaction.atomic():
        review.delete()
        refresh_reputation(service_ids=[review.service_id])


def respond_to_review(*, review: Review, author, text: str) -> Review:
    """Post or replace the reviewed freelancer's one public response."""
    if not author.is_authenticated or review.service.owner.user_id != author.pk:
        raise ReviewRefused(
            "Only the freelancer who was reviewed can respond.", code="not_freelancer"
        )
    if review.is_hidden:
        raise ReviewRefused("A hidden review cannot be answered.", code="hidden")
    text = text.strip()
    if not text or len(text) > RESPONSE_MAX_LENGTH:
        raise ReviewRefused(
            f"A response has between 1 and {RESPONSE_MAX_LENGTH} characters.", code="invalid"
        )
    review.response = text
    review.responded_at = review.responded_at or timezone.now()
    review.save(update_fields=["response", "responded_at", "updated_at"])
    return review


def _sub_rating_columns(
    sub_ratings: Mapping[str, int | None] | None, *, every_aspect: bool = True
) -> dict[str, int | None]:
    """The review's column per aspect given (every aspect, None when not given, if
    `every_aspect`). An unknown aspect key is a programming error."""
    sub_ratings = dict(sub_ratings or {})
    unknown = set(sub_ratings) - {aspect.key for aspect in ASPECTS}
    if unknown:
        raise ValueError(f"No such writing aspect: {', '.join(sorted(unknown))}")
    return {
        aspect.rating_field: sub_ratings.get(aspect.key)
        for aspect in ASPECTS
        if every_aspect or aspect.key in sub_ratings
    }


def _validate(review: Review) -> None:
    """The field rules (ratings 1 to 5, text length) for callers that bypass the form."""
    checked = {"rating", "text", *(aspect.rating_field for aspect in ASPECTS)}
    try:
        review.clean_fields(exclude=[f.name for f in Review._meta.fields if f.name not in checked])
    except ValidationError as error:
        messages = [message for field in error.message_dict.values() for message in field]
        raise ReviewRefused(" ".join(messages), code="invalid") from error
