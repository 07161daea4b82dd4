"""Double-blind publication: both reviews of an engagement appear at the same moment.

A review stays pending (seen by its author only) until the other side's review is in, or the
review window (`REVIEW_WINDOW` after completion) closes. Submitting the second review
publishes both in its own transaction; the periodic `publish_closed_review_windows` task
publishes whatever is still pending when a window closes (nothing is published lazily on
read, so every page, list, count and email agrees). Each publication holds the engagement's
row lock, so two concurrent "second" submissions, or a submission racing the task, publish
exactly once.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from engagements.models import REVIEW_WINDOW, Engagement
from reviews import notifications
from reviews.models import Review
from reviews.reputation import refresh_for_reviews


def lock_engagement(engagement_id: int) -> Engagement:
    """Lock the engagement's row until the transaction ends: reviews of it queue up here.

    NO KEY UPDATE, as engagements.transitions takes: it serialises with them and with other
    review submissions, yet does not block the KEY SHARE lock inserting a review takes.
    """
    return (
        Engagement.objects.select_for_update(no_key=True)
        .select_related("client", "freelancer__user", "service")
        .get(pk=engagement_id)
    )


def publish_pending(engagement: Engagement, *, now: datetime | None = None) -> list[Review]:
    """Publish the engagement's pending reviews, all at one moment, and tell both sides.

    The caller holds the engagement's lock (`lock_engagement`) in the current transaction.
    """
    now = now or timezone.now()
    pending = list(Review.objects.pending().filter(engagement=engagement))
    if not pending:
        return []
    Review.objects.filter(pk__in=[review.pk for review in pending]).update(
        published_at=now, updated_at=now
    )
    for review in pending:
        review.published_at = review.updated_at = now
    refresh_for_reviews(pending)
    notifications.send_reviews_published(engagement=engagement, reviews=pending)
    return pending


def publish_if_complete(engagement: Engagement) -> list[Review]:
    """After a submission (under the engagement's lock): publish once both sides are in."""
    directions = set(
        Review.objects.filter(engagement=engagement).values_list("direction", flat=True)
    )
    if len(directions) == 2 or engagement.review_window_closed():
        return publish_pending(engagement)
    return []


def publish_closed_review_windows(now: datetime | None = None) -> int:
    """Publish every pending review whose review window has closed; returns how many.

    One transaction per engagement, so one failure does not hold back the rest.
    """
    now = now or timezone.now()
    engagement_ids = (
        Review.objects.pending()
        .filter(engagement__completed_at__lt=now - REVIEW_WINDOW)
        .order_by("engagement_id")
        .values_list("engagement_id", flat=True)
        .distinct()
    )
    published = 0
    for engagement_id in list(engagement_ids):
        with transaction.atomic():
            engagement = lock_engagement(engagement_id)
            if engagement.review_window_closed(now):
                published += len(publish_pending(engagement, now=now))
    return published
