"""Every email the site sends, stored with the change that caused it and sent by a worker.

An email is a row written in the same transaction as the change it reports, so a change that
rolls back sends nothing and a change that commits cannot lose its email. The worker sends a
row at most once: it locks the row, skips it if it is already marked sent, and marks it sent
in the same transaction as the sending.
"""

import uuid
from datetime import timedelta

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

# Retries by the task itself, then by the periodic sweep, until this many attempts in all.
MAX_ATTEMPTS = 10
# An email not even tried this long after it was stored has lost its task (a broker that
# restarted without its queue, or was unreachable when the change committed): the
# every-minute sweep sends it. Its task takes milliseconds when the broker and a worker are up.
LOST_AFTER = timedelta(minutes=1)
# The sweep leaves younger failed rows to their task, which may be waiting to retry.
SWEEP_AFTER = timedelta(minutes=15)
# Past this an unsent email is news nobody wants any more: the sweep gives up on it.
GIVE_UP_AFTER = timedelta(days=1)
# Sent emails hold people's messages: keep them only long enough to answer "was it sent?".
KEEP_SENT_FOR = timedelta(days=7)


class OutgoingEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def still_worth_sending(self, now=None):
        now = now or timezone.now()
        return self.unsent().filter(created_at__gte=now - GIVE_UP_AFTER)

    def lost(self, now=None):
        """Unsent rows never tried although their task should have run long ago."""
        now = now or timezone.now()
        return self.still_worth_sending(now).filter(attempts=0, created_at__lt=now - LOST_AFTER)

    def due_for_another_try(self, now=None):
        """Unsent rows whose sending failed and whose own task has given up retrying."""
        now = now or timezone.now()
        return self.still_worth_sending(now).filter(
            attempts__gt=0, attempts__lt=MAX_ATTEMPTS, created_at__lt=now - SWEEP_AFTER
        )

    def sent_long_ago(self, now=None):
        now = now or timezone.now()
        return self.filter(sent_at__lt=now - KEEP_SENT_FOR)

    def queue(self, message: EmailMessage) -> "OutgoingEmail":
        """Store `message` and send it once the current transaction commits.

        Call it inside the transaction of the change the email reports.
        """
        from outbox.tasks import send_email

        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", []) or []
                if mimetype == "text/html"
            ),
            "",
        )
        body = message.body
        if message.content_subtype == "html":
            html, body = body, strip_tags(body)
        email = self.create(
            from_email=message.from_email,
            to=list(message.to),
            subject=message.subject,
            body=body,
            html=html,
            headers=dict(message.extra_headers),
        )
        # A broker that is down does not fail the change: the sweep sends the email later.
        send_email.delay_on_commit(str(email.pk))
        return email


class OutgoingEmail(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    from_email = models.CharField(max_length=254)
    to = models.JSONField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    html = models.TextField(blank=True)
    # Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on alerts.
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoing_email_unsent",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    def to_message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=self.from_email,
            to=self.to,
            headers=self.headers,
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        return message
