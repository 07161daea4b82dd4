"""The export itself: a zip of everything the site holds about a person.

Every app's exporter (its `personal_data.py`, see marketplace.personal_data) gives its part:
`<part>.json` and the person's uploads under `files/<part>/`, in one zip in the private
storage; the person is emailed a link valid `DATA_EXPORT_HOURS` (24) hours, which only they
can open.
"""

import io
import json
import secrets
import zipfile
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from accounts.models import DataExport, User
from accounts.notifications import send_data_export_ready
from marketplace.personal_data import EXPORTERS


def build_export(export_id: int) -> None:
    """Build the zip once (a second run of the task finds it built) and email the link."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.is_ready:
        return
    archive = _zip_for(export.user)
    with transaction.atomic():
        locked = DataExport.objects.select_for_update().filter(pk=export_id).first()
        if locked is None or locked.is_ready:
            return
        now = timezone.now()
        locked.file.save(f"data-{secrets.token_hex(8)}.zip", ContentFile(archive), save=False)
        locked.ready_at = now
        locked.expires_at = now + timedelta(hours=settings.DATA_EXPORT_HOURS)
        locked.save(update_fields=["file", "ready_at", "expires_at"])
        send_data_export_ready(export=locked)


def _zip_for(user: User) -> bytes:
    buffer = io.BytesIO()
    missing = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, exporter in sorted(EXPORTERS.items()):
            part = exporter(user)
            archive.writestr(
                f"{name}.json",
                json.dumps(part.records, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            )
            for file in part.files:
                try:
                    with file.open("rb") as handle:
                        content = handle.read()
                except (FileNotFoundError, OSError):
                    missing.append(file.name)
                    continue
                archive.writestr(f"files/{name}/{PurePosixPath(file.name).name}", content)
        archive.writestr(
            "README.txt",
            f"Your data on {settings.SITE_NAME}, as of {timezone.now():%Y-%m-%d %H:%M} UTC.\n"
            "Each .json file is one part (profile, services, messages...); files/ holds what "
            "you uploaded.\n"
            + (f"Files we could not read: {', '.join(missing)}\n" if missing else ""),
        )
    return buffer.getvalue()
