from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def prune_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
