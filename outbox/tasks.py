import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import DatabaseError

from outbox.models import OutgoingEmail
from outbox.sending import SendingFailed, deliver

logger = logging.getLogger(__name__)

# At most 30 s, 1, 2, 4, 8, then 15 min (jittered): about half an hour of retries before the
# sweep takes over. A waiting retry is held unacknowledged by a worker, so the longest wait
# stays below RabbitMQ's consumer timeout (30 min) and the Redis visibility timeout (1 h).
RETRY_BACKOFF_SECONDS = 30
RETRY_BACKOFF_MAX_SECONDS = 15 * 60
MAX_RETRIES = 6


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_email(self, email_id: str) -> bool:
    """Send one stored email, retrying with exponential backoff when the backend fails."""
    try:
        return deliver(email_id)
    except (SendingFailed, DatabaseError) as exc:
        if self.request.is_eager:
            # In-process (no broker): never make a request wait for retries, nor fail one whose
            # change is committed (the database may have gone since); the sweep resends.
            logger.warning("Email %s not sent (%s); the sweep will try again.", email_id, exc)
            return False
        if isinstance(exc, DatabaseError):
            raise
        countdown = get_exponential_backoff_interval(
            factor=RETRY_BACKOFF_SECONDS,
            retries=self.request.retries,
            maximum=RETRY_BACKOFF_MAX_SECONDS,
            full_jitter=True,
        )
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task
def send_lost_emails() -> int:
    """Send the emails whose task was lost (e.g. a broker restart); how many this run sent.

    Sent here rather than queued again: a queue that is merely slow (a backlog, no worker for
    a while) would otherwise get one more copy of each task per run. A task that turns up
    later finds its email sent and does nothing.
    """
    sent = 0
    for pk in OutgoingEmail.objects.lost().values_list("pk", flat=True):
        try:
            sent += deliver(str(pk), skip_locked=True)
        except SendingFailed as exc:
            # Recorded on the row; from now on the task's retries and the slower sweep own it.
            logger.warning("Email %s not sent (%s).", pk, exc)
    return sent


@shared_task
def resend_unsent_emails() -> int:
    """Queue again the emails whose sending failed and whose task gave up retrying."""
    ids = list(OutgoingEmail.objects.due_for_another_try().values_list("pk", flat=True))
    for pk in ids:
        send_email.delay(str(pk))
    return len(ids)


@shared_task
def prune_sent_emails() -> int:
    deleted, _ = OutgoingEmail.objects.sent_long_ago().delete()
    return deleted
