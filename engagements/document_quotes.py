"""Instant quotes from a client's document: words × the service's per-word rate, at least its
minimum charge, with a delivery estimate from the freelancer's words a day.

Small documents are counted while the page waits; PDFs and large files by a task
(`count_document_quote`), whose progress the quote's page shows. Hostile files are refused
by uploads.documents before anything is stored; a file refused while counting is deleted.
A signed-out visitor's document lives ANONYMOUS_DOCUMENT_LIFETIME at most
(`prune_anonymous_documents`); requesting the quote gives it to the client's account and to
the engagement (`claim_for_engagement`).
"""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from engagements.document_counting import price_for
from engagements.exceptions import ActionRefused
from engagements.models import DocumentQuote, DocumentQuoteStatus, Engagement
from engagements.tasks import count_document_quote
from languages.counting import count_words
from marketplace import ratelimits
from services.models import Service
from uploads.documents import check_document, read_text
from uploads.limits import MAX_DOCUMENT_BYTES

DOCUMENT_QUOTES = ratelimits.RateLimit(
    "document-quotes", limit=30, window_seconds=3600, what="document quotes"
)


def quote_document(
    *, service: Service, name: str, upload, owner=None, visitor: str = ""
) -> DocumentQuote:
    """Check the document and price it (now, or by a task for a large one).

    Refused with ActionRefused when the service does not price by the word or is not
    published, with DocumentRefused for a file that cannot be read, and with
    RateLimitExceeded past DOCUMENT_QUOTES per person or address.
    """
    if not service.is_published or not service.quotes_documents:
        raise ActionRefused(
            "This service does not price documents by the word.", code="unavailable"
        )
    ratelimits.hit(DOCUMENT_QUOTES, user=owner, visitor=None if owner else visitor)
    upload.seek(0)
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    document = check_document(name, content)
    # A small document is read now, before anything is stored: a refusal leaves nothing.
    words = None if document.is_large else count_words(read_text(document))
    with transaction.atomic():
        quote = DocumentQuote(
            service=service,
            owner=owner if owner is not None and owner.is_authenticated else None,
            filename=name[-200:],
            size=len(content),
            kind=document.kind,
            per_word_rate=service.per_word_rate,
            minimum_charge=service.minimum_charge,
            words_per_day=service.words_per_day,
            currency=service.currency,
        )
        if words is not None:
            quote.word_count, quote.progress = words, 100
            quote.status = DocumentQuoteStatus.READY
            quote.price = price_for(
                words=words, per_word_rate=quote.per_word_rate, minimum_charge=quote.minimum_charge
            )
        quote.document.save(f"{quote.pk}.{document.kind}", ContentFile(content), save=True)
        if words is None:
            count_document_quote.delay_on_commit(str(quote.pk))
    return quote


def claim_for_engagement(*, quote: DocumentQuote, engagement: Engagement) -> None:
    """Give a ready quote's document to the client's account and to the engagement (then it
    is kept with the engagement, like its messages). One request only: the update is
    conditional, so of two requests sending one document at once exactly one claims it, and
    the other is refused (ActionRefused `duplicate`, in its transaction: rolled back)."""
    claimed = DocumentQuote.objects.filter(pk=quote.pk, engagement__isnull=True).update(
        owner=engagement.client, engagement=engagement
    )
    if not claimed:
        raise ActionRefused(
            "This document was already sent with a request; upload it again for a new one.",
            code="duplicate",
        )


def document_to_send(*, user, service: Service, pk) -> DocumentQuote | None:
    """The priced document `pk` (a UUID, or its text) that `user` may send with a request on
    `service`: ready, not sent with another request, and theirs or anonymous; else None."""
    try:
        pk = uuid.UUID(str(pk or ""))
    except ValueError:
        return None
    quote = DocumentQuote.objects.filter(
        pk=pk, service=service, status=DocumentQuoteStatus.READY, engagement__isnull=True
    ).first()
    return quote if quote is not None and quote.is_readable_by(user) else None
