"""Private threads (an engagement's, a job proposal's): posting messages and tracking what
each side has read. One set of rules for every `messaging.models.Thread`."""

from django.db import transaction
from django.utils import timezone

from marketplace import ratelimits
from messaging import notifications
from messaging.exceptions import MessageRefused
from messaging.models import Side, Thread, ThreadMessage

MESSAGES = ratelimits.RateLimit("messages", limit=30, window_seconds=600, what="messages")


def post_message(*, thread: Thread, sender, body: str) -> ThreadMessage:
    """Add a message from the client or the freelancer and email the other side.

    Staff may read a thread but not write in it. A closed thread (the thread's own
    `thread_closed_reason`) takes no new messages. Rate limited per sender (RateLimitExceeded).
    """
    side = thread.side_of(sender)
    if side is None:
        raise MessageRefused(
            "Only the client and the freelancer can write in this thread.",
            code="not_participant",
        )
    closed = thread.thread_closed_reason()
    if closed:
        raise MessageRefused(closed, code="closed")
    body = body.strip()
    if not body:
        raise MessageRefused("Write a message first.", code="invalid")
    ratelimits.hit(MESSAGES, user=sender)
    with transaction.atomic():
        now = timezone.now()
        message = thread.messages.create(sender=sender, body=body, created_at=now)
        # The sender has seen everything up to their own message.
        changes = {_read_field(side): now, **dict.fromkeys(thread.touched_by_messages, now)}
        type(thread).objects.filter(pk=thread.pk).update(**changes)
        for field, value in changes.items():
            setattr(thread, field, value)
        notifications.send_new_message(thread=thread, message=message, sender_side=side)
    return message


def mark_read(*, thread: Thread, reader) -> None:
    """Record that the reader has seen the thread as it is now (staff reads are not tracked)."""
    side = thread.side_of(reader)
    if side is None:
        return
    now = timezone.now()
    read_field = _read_field(side)
    type(thread).objects.filter(pk=thread.pk).update(**{read_field: now})
    setattr(thread, read_field, now)


def can_write(*, thread: Thread, user) -> bool:
    """Whether the page shows the user a message form."""
    return thread.side_of(user) is not None and thread.thread_closed_reason() is None


def _read_field(side: Side) -> str:
    return "client_last_read_at" if side == Side.CLIENT else "freelancer_last_read_at"
