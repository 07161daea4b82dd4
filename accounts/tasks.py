from datetime import datetime

from celery import shared_task
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from accounts.export_archive import build_export
from accounts.models import ApiToken, DataExport


@shared_task
def prune_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def build_data_export(export_id: int) -> None:
    build_export(export_id)


@shared_task
def prune_data_exports() -> int:
    """Delete exports past their day, and their zips."""
    expired = list(DataExport.objects.expired())
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(expired)


@shared_task
def stamp_token_use(token_id: int, at: str) -> None:
    """Record an API token's last use (accounts.tokens.note_use); never moves it back."""
    moment = datetime.fromisoformat(at)
    ApiToken.objects.filter(pk=token_id).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=moment)
    ).update(last_used_at=moment)
