"""Engagements and their messages in a data export. Nothing is erased: both sides rely on
them; the deleted account shows as "Former member" on the other side's pages."""

from django.db.models import Q

from engagements.models import Engagement, Message
from marketplace.personal_data import ExportPart, exporter

ENGAGEMENT_FIELDS = [
    "id",
    "service__title",
    "what",
    "budget",
    "deadline",
    "currency",
    "quoted_amount",
    "quote_basis",
    "state",
    "requested_at",
    "accepted_at",
    "delivered_at",
    "completed_at",
    "cancelled_at",
    "declined_at",
]


def _engagements_of(user):
    return Engagement.objects.filter(Q(client=user) | Q(freelancer__user=user))


@exporter("engagements")
def export_engagements(user) -> ExportPart:
    rows = []
    for row in _engagements_of(user).values(*ENGAGEMENT_FIELDS, "client_id"):
        row["your_side"] = "client" if row.pop("client_id") == user.pk else "freelancer"
        rows.append(row)
    return ExportPart(records=rows)


@exporter("messages")
def export_messages(user) -> ExportPart:
    """The messages of their own threads: what they wrote and what they were sent."""
    messages = Message.objects.filter(engagement__in=_engagements_of(user)).order_by(
        "engagement_id", "created_at"
    )
    return ExportPart(
        records=[
            {
                "engagement": row["engagement_id"],
                "from": "you" if row["sender_id"] == user.pk else "the other side",
                "body": row["body"],
                "sent_at": row["created_at"],
            }
            for row in messages.values("engagement_id", "sender_id", "body", "created_at")
        ]
    )
