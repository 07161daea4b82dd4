from celery import shared_task

from engagements import document_counting
from engagements.models import DocumentQuote
from engagements.transitions import complete_overdue


@shared_task
def complete_overdue_engagements() -> int:
    """The periodic sweep; each completion re-checks under a row lock, so a rerun is harmless."""
    return complete_overdue()


# A document that takes longer than this to read is refused ("damaged"), never a worker held.
COUNT_SECONDS = 120


@shared_task(acks_late=True, soft_time_limit=COUNT_SECONDS, time_limit=COUNT_SECONDS + 30)
def count_document_quote(quote_id: str) -> None:
    """Count a large document's words (its quote's page shows the progress); a rerun of a
    counted quote changes nothing. Past the soft time limit, the read is interrupted and the
    document refused (uploads.documents turns any error while reading into a refusal)."""
    quote = DocumentQuote.objects.filter(pk=quote_id).first()
    if quote is not None:
        document_counting.count(quote)


@shared_task
def prune_anonymous_documents() -> int:
    """Delete signed-out visitors' documents an hour after they were sent."""
    return document_counting.prune_anonymous_documents()
