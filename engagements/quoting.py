"""The first step of hiring: a signed-in client asks a freelancer for a quote on a service."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from engagements import notifications, ratelimits
from engagements.exceptions import ActionRefused
from engagements.models import Engagement, EngagementState
from services.models import Service


def request_quote(
    *,
    service: Service,
    client,
    what: str,
    budget: Decimal | None = None,
    deadline: date | None = None,
) -> Engagement:
    """Open an engagement in the "requested" state and email the freelancer.

    Refused (ActionRefused) for one's own service, an unpublished service, or while the
    client already has an unanswered request for this service; rate limited per client
    (RateLimitExceeded).
    """
    if service.owner.user_id == client.pk:
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
    ratelimits.hit(ratelimits.QUOTE_REQUESTS, user=client)
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
        notifications.send_quote_requested(engagement=engagement)
    return engagement
