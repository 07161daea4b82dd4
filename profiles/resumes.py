"""Checking uploaded resumes: a PDF by its content, whatever the file is called."""

from django.core.exceptions import ValidationError

MAX_RESUME_BYTES = 5 * 1024 * 1024
# Writers add a little after %%EOF (newlines, incremental-update padding); look at the tail.
_TAIL_BYTES = 1024


def read_resume(upload) -> bytes:
    """The bytes of an uploaded PDF resume, or a ValidationError saying what is wrong."""
    if upload.size is not None and upload.size > MAX_RESUME_BYTES:
        raise ValidationError(
            "This file is larger than 5 MB. Upload a smaller PDF.", code="too_large"
        )
    upload.seek(0)
    content = upload.read(MAX_RESUME_BYTES + 1)
    if len(content) > MAX_RESUME_BYTES:
        raise ValidationError(
            "This file is larger than 5 MB. Upload a smaller PDF.", code="too_large"
        )
    if not content.startswith(b"%PDF-"):
        raise ValidationError(
            "This file is not a PDF. Upload your resume as a PDF.", code="not_pdf"
        )
    if b"%%EOF" not in content[-_TAIL_BYTES:]:
        raise ValidationError(
            "This PDF is damaged or incomplete. Export it again and upload the new file.",
            code="truncated_pdf",
        )
    return content
