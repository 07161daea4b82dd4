"""The Celery application: background work for the web nodes (emails, images, upkeep).

Configured from Django's settings (the `CELERY_` names). Without `CELERY_BROKER_URL` every
task runs in the process that queues it, so a local run needs no broker and no worker.
Run a worker with `celery -A marketplace worker` and the schedule with `celery -A marketplace
beat` (see the Procfile).
"""

import logging
import os
import threading
import time

from celery import Celery
from celery.contrib.django.task import DjangoTask
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.db import transaction
from kombu.exceptions import OperationalError

from marketplace import request_id
from marketplace.worker_liveness import HeartbeatFile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

logger = logging.getLogger(__name__)

# After a publish fails, this process queues nothing for this long: a broker that hangs
# (frozen, its host silent) costs one request its timeout, not every request that writes.
PAUSE_AFTER_FAILURE_SECONDS = 10.0


class _BrokerPause:
    """When this process last failed to reach the broker, shared by its threads."""

    def __init__(self):
        self._until = 0.0
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        return time.monotonic() < self._until

    def start(self) -> bool:
        """Pause publishing; True if this call started the pause (to log it once)."""
        with self._lock:
            started = not self.active
            self._until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
        return started


broker_pause = _BrokerPause()


class Task(DjangoTask):
    def delay_on_commit(self, *args, **kwargs) -> None:
        """Queue the task once the current transaction commits, never failing the change.

        Publishing is bounded by the broker timeouts and the publish retry policy (settings),
        and skipped for a few seconds after a failure; the work such a skip or failure
        leaves undone has its own sweep (emails: outbox.tasks.resend_unsent_emails) or is
        redone by the next change.
        """

        def publish() -> None:
            self._publish(args, kwargs)

        # robust: in-process (eager) runs fail the task, not the committed change.
        transaction.on_commit(publish, robust=True)

    def _publish(self, args: tuple, kwargs: dict) -> None:
        if broker_pause.active and not self.app.conf.task_always_eager:
            logger.warning("%s not queued: the broker failed moments ago.", self.name)
            return
        try:
            self.delay(*args, **kwargs)
        except OperationalError as exc:
            if broker_pause.start():
                logger.warning(
                    "Broker unavailable (%s); nothing is queued for %.0f s.",
                    exc,
                    PAUSE_AFTER_FAILURE_SECONDS,
                )
            logger.warning("%s not queued: %s", self.name, exc)


app = Celery("marketplace", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The file a liveness probe reads (python -m marketplace.worker_liveness).
app.steps["consumer"].add(HeartbeatFile)


# The request id follows a request into the tasks it queues: it travels as a message header
# and is current again while the worker runs the task, so the worker's log lines name it.
@before_task_publish.connect
def _send_request_id(headers=None, **kwargs):
    current = request_id.get_request_id()
    if headers is not None and current:
        headers.setdefault("request_id", current)


@task_prerun.connect
def _restore_request_id(task=None, **kwargs):
    # In-process (eager) tasks already run in their request's context.
    if task is not None and not task.request.is_eager:
        request_id.set_request_id(getattr(task.request, "request_id", None))


@task_postrun.connect
def _forget_request_id(task=None, **kwargs):
    if task is not None and not task.request.is_eager:
        request_id.set_request_id(None)
