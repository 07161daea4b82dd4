"""The private thread of an engagement: posting messages and tracking what each side has read."""

from django.db import transaction
from django.utils import timezone

from engagements import notifications, ratelimits
from engagements.exceptions import ActionRefused
from engagements.models import Engagement, EngagementState, Message, Side

CLOSED_STATES = (EngagementState.DECLINED, EngagementState.CANCELLED)


def post_message(*, engagement: Engagement, sender, body: str) -> Message:
    """Add a message from the client or the freelancer and email the other side.

    Staff may read a thread but not write in it. Declined and cancelled engagements are
    closed to new messages. Rate limited per sender (RateLimitExceeded).
    """
    side = engagement.side_of(sender)
    if side is None:
        raise ActionRefused(
            "Only the client and the freelancer can write in this thread.",
            code="not_participant",
        )
    if engagement.state in CLOSED_STATES:
        raise ActionRefused(
            f"This engagement is {engagement.get_state_display().lower()}; its thread is closed.",
            code="closed",
        )
    body = body.strip()
    if not body:
        raise ActionRefused("Write a message first.", code="invalid")
    ratelimits.hit(ratelimits.MESSAGES, user=sender)
    with transaction.atomic():
        now = timezone.now()
        message = Message.objects.create(
            engagement=engagement, sender=sender, body=body, created_at=now
        )
        # The sender has seen everything up to their own message.
        read_field = _read_field(side)
        Engagement.objects.filter(pk=engagement.pk).update(
            last_activity_at=now, **{read_field: now}
        )
        engagement.last_activity_at = now
        setattr(engagement, read_field, now)
        notifications.send_new_message(message=message)
    return message


def mark_read(*, engagement: Engagement, reader) -> None:
    """Record that the reader has seen the thread as it is now (staff reads are not tracked)."""
    side = engagement.side_of(reader)
    if side is None:
        return
    now = timezone.now()
    read_field = _read_field(side)
    Engagement.objects.filter(pk=engagement.pk).update(**{read_field: now})
    setattr(engagement, read_field, now)


def _read_field(side: Side) -> str:
    return "client_last_read_at" if side == Side.CLIENT else "freelancer_last_read_at"
