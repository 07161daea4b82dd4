"""A broker that stops answering (SIGSTOP: its kernel still takes connections, nothing
replies) never holds a write: the change answers within two seconds, and its email goes out
once the broker is back, exactly once. Run against a `redis-server` of the test's own."""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import OperationalError, connection
from django.db.models import F
from rest_framework.test import APIClient

from marketplace import celery as project_celery
from outbox.models import LOST_AFTER, OutgoingEmail
from outbox.tasks import send_lost_emails
from tests.local_servers import RedisServer
from tests.outbox.test_brokers import WORKER
from tests.servers import wait_until
from tests.support.brokers import project_app_on

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGES = 4


@pytest.fixture
def frozen_broker():
    """The project's Celery app on a Redis of its own, which the test may freeze."""
    server = RedisServer()
    server.start()
    try:
        with project_app_on(server.url) as app:
            yield server, app
    finally:
        server.stop()
        project_celery.broker_pause.__init__()  # the next test starts with the broker fresh


def test_messages_are_answered_within_two_seconds_while_the_broker_is_frozen_and_sent_once_after(
    frozen_broker, engagement, hiring_client
):
    server, app = frozen_broker
    api = APIClient()
    api.force_authenticate(hiring_client)
    url = f"/api/v1/engagements/{engagement.pk}/messages/"
    assert api.post(url, {"body": "Before the freeze."}, format="json").status_code == 201

    server.freeze()
    try:
        seconds = []
        for number in range(MESSAGES):
            started = time.monotonic()
            response = api.post(url, {"body": f"Frozen broker, message {number}."}, format="json")
            seconds.append(time.monotonic() - started)
            assert response.status_code == 201, response.content
        assert max(seconds) < 2, seconds
        # Only the first write waits for the broker's timeouts; the others skip it.
        assert sum(seconds) < 3, seconds
    finally:
        server.thaw()

    with start_worker(app, **WORKER):
        # A minute later, the sweep sends what the broker never got, and a task the frozen
        # broker did take in its buffers finds its email sent (or the sweep finds it sent).
        OutgoingEmail.objects.update(created_at=F("created_at") - LOST_AFTER - timedelta(seconds=1))
        wait_until(swept_until_all_sent, timeout=15, what="every email to be sent")
        time.sleep(1)  # time for a second delivery, were there one, to show
    subjects = sorted(message.body.split("\n")[0] for message in mail.outbox)
    assert len(mail.outbox) == 1 + MESSAGES, subjects
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}


def swept_until_all_sent() -> bool:
    """One sweep, as beat runs it every minute, and whether every email is sent now.

    On SQLite the worker's thread shares the test's in-memory database, whose tables it locks
    while it delivers; a sweep or a read that meets the lock is simply tried again, as beat
    would. On PostgreSQL the sweep skips the rows the worker holds, and repeated sweeps must
    still send each email once (the test's last assertion).
    """
    try:
        send_lost_emails.apply()
        return not OutgoingEmail.objects.unsent().exists()
    except OperationalError:
        if connection.vendor != "sqlite":
            raise
        return False
