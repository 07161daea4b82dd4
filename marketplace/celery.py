"""The Celery application: background work for the web nodes (emails, images, upkeep).

Configured from Django's settings (the `CELERY_` names). Without `CELERY_BROKER_URL` every
task runs in the process that queues it, so a local run needs no broker and no worker.
Run a worker with `celery -A marketplace worker` and the schedule with `celery -A marketplace
beat` (see the Procfile).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
