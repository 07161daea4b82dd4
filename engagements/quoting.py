"""The first step of hiring: a signed-in client asks a freelancer for a quote on a service."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from engagements import notifications, transitions
from engagements.document_quotes import claim_for_engagement
from engagements.exceptions import ActionRefused
from engagements.models import DocumentQuote, Engagement, EngagementState, QuoteBasis
from marketplace import ratelimits
from services.models import Service

QUOTE_REQUESTS = ratelimits.RateLimit(
    "quote-requests", limit=5, window_seconds=3600, what="quote requests"
)


def request_quote(
    *,
    service: Service,
    client,
    what: str,
    budget: Decimal | None = None,
    deadline: date | None = None,
    document: DocumentQuote | None = None,
) -> Engagement:
    """Open an engagement in the "requested" state and email the freelancer; a priced
    `document` (an instant quote on this service) goes with the request.

    Refused (ActionRefused) for one's own service, an unpublished service, or while the
    client already has an unanswered request for this service; rate limited per client
    (RateLimitExceeded).
    """
    if service.is_owned_by(client):
        raise ActionRefused("You cannot request a quote on your own service.", code="own_service")
    if not service.is_published:
        raise ActionRefused("This service is not taking requests.", code="unavailable")
    pending = Engagement.objects.filter(
        client=client, service=service, state=EngagementState.REQUESTED
    ).first()
    if pending:
        raise ActionRefused(
            "You already have a request waiting for an answer on this service; "
            "add to it in its messages.",
            code="duplicate",
        )
    ratelimits.hit(QUOTE_REQUESTS, user=client)
    with transaction.atomic():
        engagement = Engagement.objects.create(
            client=client,
            service=service,
            freelancer=service.owner,
            what=what.strip(),
            budget=budget,
            deadline=deadline,
            currency=service.currency,
        )
        if document is not None and document.service_id == service.pk:
            claim_for_engagement(quote=document, engagement=engagement)
        notifications.send_quote_requested(engagement=engagement)
    return engagement


def start_agreed_engagement(
    *,
    service: Service,
    client,
    what: str,
    currency: str,
    quoted_amount: Decimal,
    quote_basis: str,
    deadline: date | None = None,
) -> Engagement:
    """Open an engagement whose price the client and the freelancer already agreed on (a
    job's proposal, hired): requested and accepted at once, through the same `accept`
    transition as a quote, so delivery, completion, reviews and reputation follow as usual.

    No rate limit and no duplicate check: the caller's own workflow decided this hire.
    """
    with transaction.atomic():
        engagement = Engagement.objects.create(
            client=client,
            service=service,
            freelancer=service.owner,
            what=what.strip(),
            budget=quoted_amount if quote_basis == QuoteBasis.FIXED else None,
            deadline=deadline,
            currency=currency,
        )
        # The freelancer's proposal was their acceptance; the transition emails the client.
        return transitions.accept(
            engagement=engagement,
            by=service.owner.user,
            quoted_amount=quoted_amount,
            quote_basis=quote_basis,
        )
