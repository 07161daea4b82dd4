"""The Celery set-up every deployment relies on."""

import os
import subprocess
import sys
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from kombu import Connection

from marketplace import worker_liveness
from marketplace.celery import app
from tests.outbox.test_brokers import BROKERS, WORKER
from tests.servers import wait_until
from tests.support.brokers import project_app_on


def test_every_periodic_job_names_a_task_that_exists():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_tasks_are_acknowledged_after_they_ran_and_requeued_when_a_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.django_db(transaction=True)
def test_a_consuming_worker_keeps_its_heartbeat_file_fresh_for_the_liveness_check(
    tmp_path, monkeypatch
):
    heartbeat = tmp_path / "heartbeat"
    monkeypatch.setenv("WORKER_HEARTBEAT_FILE", str(heartbeat))
    assert liveness_check().returncode == 1  # no worker yet
    with project_app_on(BROKERS["redis"]) as broker_app, start_worker(broker_app, **WORKER):
        wait_until(heartbeat.exists, timeout=15, what="the heartbeat file")
        check = liveness_check()
        assert check.returncode == 0, check.stdout
    # A worker that stopped touching it (hung, or gone) is reported dead once it is stale.
    stale = time.time() - worker_liveness.STALE_AFTER_SECONDS - 1
    os.utime(heartbeat, (stale, stale))
    assert liveness_check().returncode == 1


def liveness_check() -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "marketplace.worker_liveness"],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_channel_of_a_closed_redis_connection_fails_with_a_connection_error():
    """What a worker meets when a task finishes after a Redis restart replaced its connection:
    an error Celery logs and survives ("Couldn't ack"), not AttributeError, which ended it."""
    # The transport the settings choose for a redis:// broker.
    connection = Connection(BROKERS["redis"], transport="marketplace.redis_transport:Transport")
    errors = connection.connection_errors
    channel = connection.channel()
    connection.close()
    with pytest.raises(errors):
        channel.qos.restore_unacked()
