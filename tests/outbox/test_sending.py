"""Emails leave through the outbox: after the commit, at most once, and later if they fail."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from rest_framework.test import APIClient

from engagements.models import Engagement
from outbox.models import LOST_AFTER, OutgoingEmail
from outbox.sending import SendingFailed, deliver
from outbox.tasks import prune_sent_emails, resend_unsent_emails, send_email, send_lost_emails
from tests.factories import ServiceFactory, UserFactory
from tests.support.threads import run_concurrently

pytestmark = pytest.mark.django_db
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def a_message(subject="Hello") -> EmailMessage:
    return EmailMessage(subject=subject, body="Body", to=["elena@example.com"])


def request_a_quote():
    service = ServiceFactory(owner__user__email="elena@example.com")
    api = APIClient()
    api.force_authenticate(UserFactory())
    return api.post(
        "/api/v1/engagements/",
        {"service": service.slug, "what": "A 1,000-word piece on the budget."},
        format="json",
    )


def make_overdue():
    """Age every unsent email past the moment the sweep takes over from its task."""
    OutgoingEmail.objects.update(
        created_at=OutgoingEmail.objects.first().created_at - timedelta(hours=1)
    )


def test_a_quote_request_succeeds_when_the_mail_server_fails_and_its_email_goes_later(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    # A file where the backend wants a folder: every send fails, as with a mail server down.
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path / "not-a-folder"
    settings.EMAIL_FILE_PATH.write_text("")
    with django_capture_on_commit_callbacks(execute=True):
        response = request_a_quote()
    assert response.status_code == 201
    assert Engagement.objects.count() == 1
    (email,) = OutgoingEmail.objects.all()
    assert email.sent_at is None and email.attempts == 1
    assert "ImproperlyConfigured" in email.last_error

    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    make_overdue()
    assert resend_unsent_emails.delay().get() == 1
    (written,) = (tmp_path / "mail").iterdir()
    assert "Subject: " in written.read_text() and "elena@example.com" in written.read_text()
    assert resend_unsent_emails.delay().get() == 0  # sent: the sweep leaves it alone
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2 and email.last_error == ""


def test_nothing_is_sent_for_a_change_that_rolls_back(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        OutgoingEmail.objects.queue(a_message())
        raise RuntimeError("the change failed")
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_nothing_is_sent_before_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        OutgoingEmail.objects.queue(a_message())
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_a_redelivered_task_sends_nothing_twice():
    email = OutgoingEmail.objects.queue(a_message())
    assert send_email.delay(str(email.pk)).get() is True
    assert send_email.delay(str(email.pk)).get() is False
    assert deliver(str(email.pk)) is False
    assert len(mail.outbox) == 1


def test_html_and_text_both_survive_the_round_trip():
    message = mail.EmailMultiAlternatives(subject="S", body="Text", to=["a@example.com"])
    message.attach_alternative("<p>HTML</p>", "text/html")
    deliver(str(OutgoingEmail.objects.queue(message).pk))
    (sent,) = mail.outbox
    assert sent.body == "Text"
    assert sent.alternatives[0].content == "<p>HTML</p>"


def test_a_failed_send_is_recorded_and_raised_for_the_task_to_retry(settings, tmp_path):
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path / "not-a-folder"
    settings.EMAIL_FILE_PATH.write_text("")
    email = OutgoingEmail.objects.queue(a_message())
    with pytest.raises(SendingFailed):
        deliver(str(email.pk))
    email.refresh_from_db()
    assert email.attempts == 1 and email.sent_at is None


def test_the_sweep_gives_up_on_old_news_and_prunes_what_was_sent_long_ago():
    stale = OutgoingEmail.objects.queue(a_message("stale"))
    sent = OutgoingEmail.objects.queue(a_message("sent"))
    deliver(str(sent.pk))
    long_ago = stale.created_at - timedelta(days=30)
    OutgoingEmail.objects.update(created_at=long_ago, sent_at=None)
    OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at=long_ago)
    assert resend_unsent_emails.delay().get() == 0
    assert prune_sent_emails.delay().get() == 1
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["stale"]


def test_the_sweep_for_emails_whose_task_was_lost_runs_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["send-lost-emails"]
    assert entry["task"] == "outbox.tasks.send_lost_emails"
    assert entry["schedule"] <= 60
    assert timedelta(minutes=1) >= LOST_AFTER


def test_an_email_whose_task_was_lost_goes_out_a_minute_later_and_only_once(
    django_capture_on_commit_callbacks,
):
    # The task is never queued: the broker restarted without it, or was unreachable.
    with django_capture_on_commit_callbacks(execute=False):
        email = OutgoingEmail.objects.queue(a_message("Lost"))
    assert send_lost_emails.delay().get() == 0  # its task may still be on its way
    OutgoingEmail.objects.update(created_at=F("created_at") - LOST_AFTER)
    assert send_lost_emails.delay().get() == 1
    assert send_lost_emails.delay().get() == 0
    assert send_email.delay(str(email.pk)).get() is False  # the task, turning up late
    assert [m.subject for m in mail.outbox] == ["Lost"]


def test_the_lost_email_sweep_leaves_failed_emails_to_their_task_s_retries(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path / "not-a-folder"
    settings.EMAIL_FILE_PATH.write_text("")
    with django_capture_on_commit_callbacks(execute=True):
        OutgoingEmail.objects.queue(a_message())  # tried once, failed
    OutgoingEmail.objects.update(created_at=F("created_at") - LOST_AFTER)
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    assert send_lost_emails.delay().get() == 0
    assert OutgoingEmail.objects.get().attempts == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_sweeps_at_once_send_each_lost_email_once():
    # Stored as queue() stores them, their tasks lost on the way.
    for number in range(5):
        OutgoingEmail.objects.create(
            from_email="site@example.com", to=["a@example.com"], subject=f"Lost {number}"
        )
    OutgoingEmail.objects.update(created_at=F("created_at") - LOST_AFTER)
    results = run_concurrently(20, lambda _: send_lost_emails())
    assert sum(results) == 5, results
    assert sorted(m.subject for m in mail.outbox) == [f"Lost {n}" for n in range(5)]
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_twenty_deliveries_of_one_email_at_once_send_it_once():
    email = OutgoingEmail.objects.create(
        from_email="site@example.com", to=["a@example.com"], subject="Once"
    )
    results = run_concurrently(20, lambda _: deliver(str(email.pk)))
    # On SQLite a delivery that meets another's lock fails ("database table is locked") and
    # is tried again later, by the task's retry or the sweep; none sends a second copy.
    assert [result for result in results if result is True] == [True], results
    assert [message.subject for message in mail.outbox] == ["Once"]
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1
