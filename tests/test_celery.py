"""The Celery set-up every deployment relies on."""

from django.conf import settings

from marketplace.celery import app


def test_every_periodic_job_names_a_task_that_exists():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_tasks_are_acknowledged_after_they_ran_and_requeued_when_a_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
