"""Counting a document quote's words and pricing it; pruning signed-out visitors' documents.
Called by engagements.document_quotes (small files) and by the tasks (large ones)."""

from decimal import ROUND_HALF_UP, Decimal

from engagements.models import DocumentQuote, DocumentQuoteStatus
from languages.counting import count_words
from uploads.documents import Document, DocumentRefused, read_text

CENT = Decimal("0.01")


def price_for(*, words: int, per_word_rate: Decimal, minimum_charge: Decimal | None) -> Decimal:
    """Words × rate, rounded to the cent (half up), and never under the minimum charge."""
    price = (per_word_rate * words).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(price, minimum_charge or Decimal(0))


def count(quote: DocumentQuote, document: Document | None = None) -> DocumentQuote:
    """Count the quote's document and price it; a refused document is deleted. Idempotent:
    a quote already counted is left as it is."""
    if quote.status != DocumentQuoteStatus.COUNTING:
        return quote
    if document is None:
        with quote.document.open("rb") as stored:
            document = Document(quote.kind, stored.read())

    def progress(percent: int) -> None:
        DocumentQuote.objects.filter(pk=quote.pk).update(progress=min(percent, 99))

    try:
        words = count_words(read_text(document, progress))
    except DocumentRefused as refusal:
        quote.document.delete(save=False)
        quote.status, quote.refusal, quote.progress = (
            DocumentQuoteStatus.REFUSED,
            refusal.message,
            100,
        )
        quote.save(update_fields=["document", "status", "refusal", "progress"])
        return quote
    quote.word_count = words
    quote.price = price_for(
        words=words, per_word_rate=quote.per_word_rate, minimum_charge=quote.minimum_charge
    )
    quote.status, quote.progress = DocumentQuoteStatus.READY, 100
    quote.save(update_fields=["word_count", "price", "status", "progress"])
    return quote


def prune_anonymous_documents() -> int:
    """Delete signed-out visitors' quotes past their lifetime, with their files."""
    pruned = 0
    for quote in DocumentQuote.objects.anonymous_expired().iterator():
        if quote.document:
            quote.document.delete(save=False)
        quote.delete()
        pruned += 1
    return pruned
