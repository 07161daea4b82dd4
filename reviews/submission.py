"""Writing, editing, deleting and answering reviews: the rules that make a review "verified".

Both sides of a completed engagement may review the other, once each (the database's unique
constraint on engagement and direction is the guarantee; a lost race becomes a friendly
refusal, not a 500), within REVIEW_WINDOW of completion: the client reviews the freelancer's
service, the freelancer reviews the client. Reviews are double-blind (`reviews.publishing`).
The author may edit within `reviews.models.EDIT_WINDOW` and delete at any time; the reviewed
person may answer once, publicly, and edit that answer. Every change that can move a count or
an average refreshes the stored reputation in the same transaction.
"""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from engagements.models import REVIEW_WINDOW, Engagement
from marketplace.pagecache import catalogue_changed
from ratings.aspects import ASPECTS
from reviews import notifications, publishing
from reviews.exceptions import ReviewRefused
from reviews.models import EDIT_WINDOW, Review, ReviewDirection
from reviews.reputation import refresh_for_reviews

RESPONSE_MAX_LENGTH = 5_000
REFUSALS = {
    "anonymous": "Sign in to leave a review.",
    "not_client": "Only the client and the freelancer of this engagement can review it.",
    "not_completed": "You can review this work once the engagement is completed.",
    "duplicate": "You have already reviewed this work.",
}


def direction_of(engagement: Engagement, author) -> ReviewDirection | None:
    """Which review `author` writes on this engagement (None: they are on neither side)."""
    if author.pk == engagement.client_id:
        return ReviewDirection.OF_FREELANCER
    if author.pk == engagement.freelancer.user_id:
        return ReviewDirection.OF_CLIENT
    return None


def review_refusal(
    *, engagement: Engagement, author, now: datetime | None = None
) -> ReviewRefused | None:
    """Why `author` may not review `engagement` now (the engagement's rule,
    `Engagement.why_not_reviewable_by`, in words), or None if they may."""
    code = engagement.why_not_reviewable_by(author, now)
    if code is None:
        return None
    if code == "window_closed":
        message = (
            f"Reviews are open for {REVIEW_WINDOW.days} days after completion; this one "
            f"closed on {date_format(engagement.review_deadline, 'j F Y')}."
        )
    else:
        message = REFUSALS[code]
    return ReviewRefused(message, code=code)


def submit_review(
    *,
    engagement: Engagement,
    author,
    rating: int,
    text: str,
    sub_ratings: Mapping[str, int | None] | None = None,
) -> Review:
    """Store the review, pending; publish both if the other side's is already in.

    `sub_ratings`: stars per writing aspect (ratings.aspects key), None for "not rated"; only
    a client's review of the freelancer rates aspects. The publication check runs under the
    engagement's row lock, so of two reviews submitted at once the second always sees the
    first and publishes both, exactly once.
    """
    refusal = review_refusal(engagement=engagement, author=author)
    if refusal:
        raise refusal
    direction = direction_of(engagement, author)
    of_freelancer = direction == ReviewDirection.OF_FREELANCER
    review = Review(
        engagement=engagement,
        direction=direction,
        service_id=engagement.service_id if of_freelancer else None,
        author=author,
        subject=engagement.freelancer.user if of_freelancer else engagement.client,
        rating=rating,
        text=text.strip(),
        work_completed_on=timezone.localdate(engagement.completed_at),
        **_sub_rating_columns(sub_ratings),
    )
    _validate(review)
    try:
        with transaction.atomic():
            # Same-side races are settled by the unique constraint first, in parallel (the
            # losers wait on the index, then fail together); only then is the engagement
            # locked, so that of two sides submitting at once the second sees the first.
            review.save()
            locked = publishing.lock_engagement(engagement.pk)
            review.engagement = locked
            published = publishing.publish_if_complete(locked)
            if published:
                review.published_at = review.updated_at = published[0].published_at
            else:
                notifications.send_review_waiting(review=review, deadline=locked.review_deadline)
    except IntegrityError:
        # A concurrent submission of the same side won the race for its one review.
        if Review.objects.filter(engagement=engagement, direction=direction).exists():
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
        if review.is_published:
            refresh_for_reviews([review])
    return review


def delete_review(*, review: Review, author) -> None:
    if not author.is_authenticated or review.author_id != author.pk:
        raise ReviewRefused("Only the author can delete this review.", code="not_author")
    with transaction.atomic():
        review.delete()
        refresh_for_reviews([review])


def respond_to_review(*, review: Review, author, text: str) -> Review:
    """Post or replace the reviewed person's one public response (once it is published)."""
    if not author.is_authenticated or review.subject_id != author.pk:
        raise ReviewRefused("Only the person who was reviewed can respond.", code="not_freelancer")
    if review.is_hidden:
        raise ReviewRefused("A hidden review cannot be answered.", code="hidden")
    if not review.is_published:
        raise ReviewRefused("A review can be answered once it is published.", code="pending")
    text = text.strip()
    if not text or len(text) > RESPONSE_MAX_LENGTH:
        raise ReviewRefused(
            f"A response has between 1 and {RESPONSE_MAX_LENGTH} characters.", code="invalid"
        )
    review.response = text
    review.responded_at = review.responded_at or timezone.now()
    with transaction.atomic():
        review.save(update_fields=["response", "responded_at", "updated_at"])
        catalogue_changed()
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
