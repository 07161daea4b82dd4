"""Engagements, their messages and the client's documents (instant quotes) in a data export.
Engagements, messages and the documents sent with requests stay: both sides rely on them; the
deleted account shows as "Former member" on the other side's pages. Documents never sent with
a request are erased with their files."""

from django.db.models import Q

from engagements.models import DocumentQuote, Engagement, Message
from marketplace.personal_data import ExportPart, eraser, exporter, stamp

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


@exporter("document_quotes")
def export_document_quotes(user) -> ExportPart:
    quotes = list(DocumentQuote.objects.filter(owner=user).select_related("service"))
    return ExportPart(
        records=[
            {
                "service": quote.service.title,
                "filename": quote.filename,
                "word_count": quote.word_count,
                "price": quote.price,
                "currency": quote.currency,
                "engagement": quote.engagement_id,
                "created_at": stamp(quote.created_at),
            }
            for quote in quotes
        ],
        files=[quote.document for quote in quotes if quote.document],
    )


@eraser("document_quotes", order=15)
def erase_document_quotes(user) -> list:
    unsent = DocumentQuote.objects.filter(owner=user, engagement__isnull=True)
    files = [quote.document for quote in unsent if quote.document]
    unsent.delete()
    return files
