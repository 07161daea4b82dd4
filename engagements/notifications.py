"""Emails to the other side of an engagement: a new request, a state change.

Each email is a subject / text / html triplet under `templates/engagements/email/`. Callers
queue them inside the transaction of the change: the outbox sends them once it commits (by a
worker), so nobody is told about a change that rolled back, and a failing mail server cannot
fail the change.
"""

from django.conf import settings

from engagements.models import AUTO_COMPLETE_AFTER, Engagement
from messaging.models import Side
from outbox.templated import queue_templated_email


def send_quote_requested(*, engagement: Engagement) -> None:
    _send("quote_requested", engagement=engagement, to=engagement.freelancer.user)


def send_state_changed(*, engagement: Engagement, actor_side: Side | None) -> None:
    """Tell the other side; an automatic change (no actor) is news to both."""
    recipients = {
        Side.CLIENT: [engagement.freelancer.user],
        Side.FREELANCER: [engagement.client],
        None: [engagement.client, engagement.freelancer.user],
    }[actor_side]
    actor_name = engagement.name_of(actor_side) if actor_side else None
    for recipient in recipients:
        _send("state_changed", engagement=engagement, to=recipient, actor_name=actor_name)


def _send(event: str, *, engagement: Engagement, to, **extra) -> None:
    context = {
        "engagement": engagement,
        "url": settings.SITE_URL + engagement.get_absolute_url(),
        "auto_complete_days": AUTO_COMPLETE_AFTER.days,
        **extra,
    }
    queue_templated_email(f"engagements/email/{event}", to=to, context=context)
