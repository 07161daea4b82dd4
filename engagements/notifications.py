"""Emails to the other side of an engagement: a new request, a new message, a state change.

Each email is a subject / text / html triplet under `templates/engagements/email/`. Callers
queue them inside the transaction of the change: the outbox sends them once it commits (by a
worker), so nobody is told about a change that rolled back, and a failing mail server cannot
fail the change.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from engagements.models import AUTO_COMPLETE_AFTER, Engagement, Message, Side
from outbox.models import OutgoingEmail


def send_quote_requested(*, engagement: Engagement) -> None:
    _send("quote_requested", engagement=engagement, to=engagement.freelancer.user)


def send_new_message(*, message: Message) -> None:
    engagement = message.engagement
    sender_side = engagement.side_of(message.sender)
    recipient = engagement.client if sender_side == Side.FREELANCER else engagement.freelancer.user
    _send(
        "new_message",
        engagement=engagement,
        to=recipient,
        message=message,
        sender_name=engagement.name_of(sender_side),
    )


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
        "recipient": to,
        "url": settings.SITE_URL + engagement.get_absolute_url(),
        "SITE_NAME": settings.SITE_NAME,
        "auto_complete_days": AUTO_COMPLETE_AFTER.days,
        **extra,
    }
    subject = render_to_string(f"engagements/email/{event}_subject.txt", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"engagements/email/{event}.txt", context),
        to=[to.email],
    )
    html = render_to_string(f"engagements/email/{event}.html", context)
    email.attach_alternative(html, "text/html")
    OutgoingEmail.objects.queue(email)
