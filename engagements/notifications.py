"""Emails to the other side of an engagement: a new request, a new message (in any private
thread, a job proposal's too), a state change.

Each email is a subject / text / html triplet under `templates/engagements/email/`. Callers
queue them inside the transaction of the change: the outbox sends them once it commits (by a
worker), so nobody is told about a change that rolled back, and a failing mail server cannot
fail the change.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from engagements.models import AUTO_COMPLETE_AFTER, Engagement, Side, Thread, ThreadMessage
from outbox.models import OutgoingEmail


def send_quote_requested(*, engagement: Engagement) -> None:
    _send("quote_requested", engagement=engagement, to=engagement.freelancer.user)


def send_new_message(*, thread: Thread, message: ThreadMessage, sender_side: Side) -> None:
    """Tell the other side of any private thread (an engagement's, a proposal's)."""
    recipient = thread.user_on(Side.CLIENT if sender_side == Side.FREELANCER else Side.FREELANCER)
    _send_email(
        "new_message",
        to=recipient,
        context={
            "message": message,
            "topic": thread.thread_topic(),
            "sender_name": thread.name_of(sender_side),
            "url": settings.SITE_URL + thread.get_absolute_url(),
        },
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
        "url": settings.SITE_URL + engagement.get_absolute_url(),
        "auto_complete_days": AUTO_COMPLETE_AFTER.days,
        **extra,
    }
    _send_email(event, to=to, context=context)


def _send_email(event: str, *, to, context: dict) -> None:
    context = {**context, "recipient": to, "SITE_NAME": settings.SITE_NAME}
    subject = render_to_string(f"engagements/email/{event}_subject.txt", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"engagements/email/{event}.txt", context),
        to=[to.email],
    )
    html = render_to_string(f"engagements/email/{event}.html", context)
    email.attach_alternative(html, "text/html")
    OutgoingEmail.objects.queue(email)
