"""The email that tells the other side of a private thread about a new message."""

from django.conf import settings

from messaging.models import Side, Thread, ThreadMessage
from outbox.templated import queue_templated_email


def send_new_message(*, thread: Thread, message: ThreadMessage, sender_side: Side) -> None:
    recipient = thread.user_on(Side.CLIENT if sender_side == Side.FREELANCER else Side.FREELANCER)
    queue_templated_email(
        "messaging/email/new_message",
        to=recipient,
        context={
            "message": message,
            "topic": thread.thread_topic(),
            "sender_name": thread.name_of(sender_side),
            "url": settings.SITE_URL + thread.get_absolute_url(),
        },
    )
