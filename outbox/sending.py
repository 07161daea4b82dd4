"""Sending one stored email exactly once, however often its task is delivered."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.models import OutgoingEmail


class SendingFailed(Exception):
    """The email backend refused or failed; the attempt is recorded on the row."""


def deliver(email_id: str, *, skip_locked: bool = False) -> bool:
    """Send the email `email_id` unless it was sent already; True if this call sent it.

    The row stays locked while the backend sends, so a second delivery of the same task (a
    redelivery after a lost worker, or the sweep) waits, then finds it sent and skips it;
    with `skip_locked` (the sweep) it does not wait: a row being sent is someone else's.
    The attempt is claimed before sending, by a write that names the attempts counted so far:
    where no row lock is taken (SQLite ignores `select_for_update`), two deliveries that read
    the row at once cannot both claim it, and only the one that did sends; and the claim
    holds SQLite's write lock from before the send, so recording the send cannot meet another
    connection's lock and roll back the record of an email already gone.
    Raises SendingFailed, after recording the attempt, when the backend fails.
    """
    with transaction.atomic():
        rows = OutgoingEmail.objects.select_for_update(skip_locked=skip_locked)
        email = rows.filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return False
        claimed = OutgoingEmail.objects.filter(
            pk=email.pk, sent_at__isnull=True, attempts=email.attempts
        ).update(attempts=F("attempts") + 1)
        if not claimed:
            return False
        email.attempts += 1
        try:
            email.to_message().send()
        except Exception as exc:  # any backend: SMTP, files, an HTTP API
            error = exc
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "last_error", "sent_at"])
            return True
    raise SendingFailed(email.last_error) from error
