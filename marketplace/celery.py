"""The Celery application: background work for the web nodes (emails, images, upkeep).

Configured from Django's settings (the `CELERY_` names). Without `CELERY_BROKER_URL` every
task runs in the process that queues it, so a local run needs no broker and no worker.
Run a worker with `celery -A marketplace worker` and the schedule with `celery -A marketplace
beat` (see the Procfile).
"""

import os

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

from marketplace import request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
