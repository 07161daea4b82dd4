# Loaded with Django, so that `shared_task`s queue through the project's Celery app.
from marketplace.celery import app as celery_app

__all__ = ["celery_app"]
