"""A real worker on the brokers this site supports sends what a committed change queued."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_prerun
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction

from marketplace import request_id
from outbox import tasks
from outbox.models import OutgoingEmail
from tests.servers import wait_until
from tests.support.brokers import project_app_on

# Running brokers (see "Tests" in README.md): Redis and RabbitMQ on loopback by default.
BROKERS = {
    "redis": os.environ.get("TEST_REDIS_BROKER_URL", "redis://127.0.0.1:6379/3"),
    "rabbitmq": os.environ.get("TEST_AMQP_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
}

# An in-process worker; stopping it can take a while (its consumer waits on the broker).
WORKER = {
    "pool": "solo",
    "perform_ping_check": False,
    "loglevel": "WARNING",
    "shutdown_timeout": 30,
}


@pytest.fixture
def broker_app(request):
    """The project's Celery app on the broker `request.param`, with a queue of its own."""
    with project_app_on(BROKERS[request.param]) as app:
        yield app


@pytest.mark.parametrize("broker_app", list(BROKERS), indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_queued_email_once(broker_app):
    with start_worker(broker_app, **WORKER):
        with transaction.atomic():
            email = OutgoingEmail.objects.queue(
                EmailMessage(subject="Quote", body="Body", to=["elena@example.com"])
            )
        deadline = time.monotonic() + 15
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [m.subject for m in mail.outbox] == ["Quote"]
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1


@pytest.mark.parametrize("broker_app", ["redis"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_failed_send_is_retried_by_the_worker_until_it_goes(
    broker_app, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr(tasks, "RETRY_BACKOFF_SECONDS", 1)  # seconds instead of minutes
    # A file where the backend wants a folder: sending fails until the folder is there.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.EMAIL_FILE_PATH.write_text("")
    with start_worker(broker_app, **WORKER):
        with transaction.atomic():
            email = OutgoingEmail.objects.queue(
                EmailMessage(subject="Quote", body="Body", to=["elena@example.com"])
            )
        wait_until(
            lambda: OutgoingEmail.objects.get(pk=email.pk).attempts >= 1,
            timeout=15,
            what="the first attempt",
        )
        settings.EMAIL_FILE_PATH.unlink()
        settings.EMAIL_FILE_PATH.mkdir()
        wait_until(
            lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at,
            timeout=20,
            what="a retry that sends",
        )
    email.refresh_from_db()
    assert email.attempts >= 2 and email.last_error == ""
    assert len(list(settings.EMAIL_FILE_PATH.iterdir())) == 1


@pytest.mark.parametrize("broker_app", ["redis"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_task_under_the_request_id_that_queued_it(broker_app):
    seen = []

    def record(task=None, **kwargs):
        seen.append(request_id.get_request_id())

    task_prerun.connect(record, weak=False)
    token = request_id.set_request_id("req-7f3a")
    try:
        with start_worker(broker_app, **WORKER):
            with transaction.atomic():
                OutgoingEmail.objects.queue(EmailMessage(subject="Hi", to=["a@example.com"]))
            request_id.set_request_id(None)  # the request is over; the task still knows it
            wait_until(lambda: seen, timeout=15, what="the task to run")
    finally:
        task_prerun.disconnect(record)
        request_id._request_id.reset(token)
    assert seen == ["req-7f3a"]
