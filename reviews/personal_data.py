"""Reviews a person wrote and received, in their data export. Nothing is erased: a review
they wrote stays, signed "Former member"; reviews of them stay on the service or page."""

from django.db.models import Q

from marketplace.personal_data import ExportPart, exporter
from reviews.models import Review

REVIEW_FIELDS = [
    "id",
    "engagement_id",
    "direction",
    "service__title",
    "rating",
    "text",
    "response",
    "work_completed_on",
    "created_at",
    "published_at",
    "is_hidden",
]


@exporter("reviews_written")
def export_reviews_written(user) -> ExportPart:
    return ExportPart(records=list(Review.objects.filter(author=user).values(*REVIEW_FIELDS)))


@exporter("reviews_received")
def export_reviews_received(user) -> ExportPart:
    """Published reviews of them or their services (a pending one is not theirs to read yet)."""
    received = Review.objects.visible().filter(Q(subject=user) | Q(service__owner__user=user))
    return ExportPart(records=list(received.exclude(author=user).values(*REVIEW_FIELDS)))
