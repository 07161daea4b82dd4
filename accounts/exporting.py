"""Asking for a copy of one's data: recorded, then built by a task (accounts/export_archive.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import DataExport, User
from accounts.tasks import build_data_export
from audit.models import Action
from audit.recording import record


def request_data_export(*, user: User, request: HttpRequest | None) -> DataExport:
    """Queue an export, or return the one still pending or downloadable."""
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        current = user.data_exports.filter(expires_at__gte=now).first()
        if current is not None:
            return current
        export = DataExport.objects.create(
            user=user, expires_at=now + timedelta(hours=settings.DATA_EXPORT_HOURS)
        )
        record(
            actor=user,
            action=Action.DATA_EXPORT_REQUESTED,
            target=export,
            subject=user,
            request=request,
        )
        transaction.on_commit(lambda: build_data_export.delay(export.pk), robust=True)
    return export
