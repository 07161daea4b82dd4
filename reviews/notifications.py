"""Emails about double-blind reviews, queued through the outbox in the change's transaction.

"Review X to see theirs" goes to the other side when the first review of an engagement is
in; "Reviews published" goes to both sides when the reviews appear.
"""

from datetime import datetime

from django.conf import settings

from engagements.models import Engagement
from outbox.templated import queue_templated_email
from reviews.models import Review


def send_review_waiting(*, review: Review, deadline: datetime) -> None:
    """Tell the reviewed person that a review of them waits for theirs."""
    engagement = review.engagement
    author_name = (
        engagement.freelancer.display_name if review.is_of_client else engagement.client_name()
    )
    _send(
        "review_waiting",
        engagement=engagement,
        to=review.subject,
        author_name=author_name,
        deadline=deadline,
    )


def send_reviews_published(*, engagement: Engagement, reviews: list[Review]) -> None:
    for recipient in (engagement.client, engagement.freelancer.user):
        _send("reviews_published", engagement=engagement, to=recipient, count=len(reviews))


def _send(event: str, *, engagement: Engagement, to, **extra) -> None:
    context = {
        "engagement": engagement,
        "url": settings.SITE_URL + engagement.get_absolute_url(),
        **extra,
    }
    queue_templated_email(f"reviews/email/{event}", to=to, context=context)
