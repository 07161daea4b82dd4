"""An email's extra headers (List-Unsubscribe, for one) are stored and sent with it."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from outbox.models import OutgoingEmail
from outbox.sending import deliver

pytestmark = pytest.mark.django_db


def test_extra_headers_are_kept_until_the_email_is_sent(django_capture_on_commit_callbacks):
    message = EmailMessage(
        subject="News",
        body="Body",
        to=["sam@example.com"],
        headers={"List-Unsubscribe": "<https://example.org/stop/>"},
    )
    with django_capture_on_commit_callbacks(execute=False):
        email = OutgoingEmail.objects.queue(message)

    deliver(str(email.pk))

    (sent,) = mail.outbox
    assert sent.extra_headers == {"List-Unsubscribe": "<https://example.org/stop/>"}
    assert "List-Unsubscribe: <https://example.org/stop/>" in sent.message().as_string()
