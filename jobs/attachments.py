"""Files on a job's brief: what may be attached (checked by decoding it, like every upload),
and adding or removing one.

A PDF must open and have a page (uploads.pdfs' checks); an image must decode fully within
the pixel limit, and is stored re-encoded without its metadata (uploads.images'). The file
is written before the row, under the job's lock, and deleted again if the row is not saved.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from engagements.exceptions import ActionRefused
from jobs.caching import job_listings_changed
from jobs.models import JobAttachment, JobPost, JobStatus
from jobs.posting import lock_job
from uploads import images, pdfs
from uploads.limits import IMAGE_FORMATS_TEXT, MAX_UPLOAD_BYTES, MAX_UPLOAD_SIZE

MAX_ATTACHMENTS = 5
ATTACHMENT_FORMATS_TEXT = f"PDF or a {IMAGE_FORMATS_TEXT} image"
ATTACHMENT_RULES = (
    f"A {ATTACHMENT_FORMATS_TEXT} of at most {MAX_UPLOAD_SIZE}; at most {MAX_ATTACHMENTS} per job"
)
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
_EDITABLE = (JobStatus.DRAFT, JobStatus.OPEN)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks: the bytes to store and what they are."""

    name: str
    content: bytes
    extension: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def check_attachment(upload) -> CheckedFile:
    """The upload as it will be stored, or a ValidationError saying what is wrong."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is larger than {MAX_UPLOAD_SIZE}. Attach a smaller one.",
            code="too_large",
        )
    upload.seek(0)
    is_pdf = upload.read(5) == b"%PDF-"
    upload.seek(0)
    stem = Path(upload.name or "attachment").stem
    if is_pdf:
        if not (upload.name or "").lower().endswith(".pdf"):
            raise ValidationError(
                "This file's name says it is not the PDF it contains. Attach it with a name "
                "ending in .pdf.",
                code="name_mismatch",
            )
        content = pdfs.read_pdf(upload, what="the document")
        return CheckedFile(_safe_name(stem, "pdf"), content, "pdf")
    try:
        image = images.clean_version(upload)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise ValidationError(
                f"This file is neither a PDF nor a {IMAGE_FORMATS_TEXT} image.",
                code="unsupported_type",
            ) from error
        raise
    return CheckedFile(_safe_name(stem, image.extension), image.content, image.extension)


def add_attachment(*, job: JobPost, by, checked: CheckedFile) -> JobAttachment:
    """Attach a checked file to a draft or open job: its client only, up to MAX_ATTACHMENTS."""
    stored_name = None
    storage = JobAttachment._meta.get_field("file").storage
    try:
        with transaction.atomic():
            locked = _lock_editable(job, by=by)
            if locked.attachments.count() >= MAX_ATTACHMENTS:
                raise ActionRefused(
                    f"A job has at most {MAX_ATTACHMENTS} attachments; remove one first.",
                    code="too_many",
                )
            attachment = JobAttachment(
                job=locked,
                name=checked.name,
                content_type=checked.content_type,
                size=len(checked.content),
            )
            # A random name: what the client called the file never reaches the storage's path.
            attachment.file.save(
                f"{locked.pk}-{secrets.token_hex(8)}.{checked.extension}",
                ContentFile(checked.content),
                save=False,
            )
            stored_name = attachment.file.name
            attachment.save()
            job_listings_changed()  # the job's page lists its files
    except BaseException:
        if stored_name:
            storage.delete(stored_name)
        raise
    return attachment


def remove_attachment(*, attachment: JobAttachment, by) -> None:
    with transaction.atomic():
        _lock_editable(attachment.job, by=by)
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        job_listings_changed()
        transaction.on_commit(lambda: storage.delete(name))


def _lock_editable(job: JobPost, *, by) -> JobPost:
    locked = lock_job(job.pk)
    if locked.client_id != by.pk:
        raise ActionRefused("Only the job's client can change its files.", code="not_participant")
    if locked.status not in _EDITABLE:
        raise ActionRefused(
            f"This job is {locked.get_status_display().lower()}: its files are frozen.",
            code="closed",
        )
    return locked


def _safe_name(stem: str, extension: str) -> str:
    try:
        stem = get_valid_filename(stem)[:80]
    except Exception:  # nothing usable left (e.g. ".." or only punctuation)
        stem = "attachment"
    return f"{stem}.{extension}"
