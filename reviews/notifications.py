"""Emails about double-blind reviews, queued through the outbox in the change's transaction.

"Review X to see theirs" goes to the other side when the first review of an engagement is
in; "Reviews published" goes to both sides when the reviews appear.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from engagements.models import Engagement
from outbox.models import OutgoingEmail
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
        "recipient": to,
        "url": settings.SITE_URL + engagement.get_absolute_url(),
        "SITE_NAME": settings.SITE_NAME,
        **extra,
    }
    subject = render_to_string(f"reviews/email/{event}_subject.txt", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"reviews/email/{event}.txt", context),
        to=[to.email],
    )
    email.attach_alternative(render_to_string(f"reviews/email/{event}.html", context), "text/html")
    OutgoingEmail.objects.queue(email)
