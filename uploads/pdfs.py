"""Checking uploaded PDFs (resumes, job briefs): a PDF that a PDF reader opens, with a page.

The content decides, whatever the file is called: the header and the end-of-file marker are
checked first (cheap, and they say precisely what is wrong), then pypdf must parse the file
and find a page, so that a few bytes that only look like a PDF are refused.
"""

import io
import logging

from django.core.exceptions import ValidationError

from uploads.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_SIZE

# Writers add a little after %%EOF (newlines, incremental-update padding); look at the tail.
_TAIL_BYTES = 1024
TOO_LARGE = f"This file is larger than {MAX_UPLOAD_SIZE}. Upload a smaller PDF."
DAMAGED = "This PDF is damaged or incomplete. Export it again and upload the new file."


def read_pdf(upload, *, what: str) -> bytes:
    """The bytes of an uploaded PDF (`what` it is, for the messages: "your resume"), or a
    ValidationError saying what is wrong."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    upload.seek(0)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    if not content.startswith(b"%PDF-"):
        raise ValidationError(f"This file is not a PDF. Upload {what} as a PDF.", code="not_pdf")
    if b"%%EOF" not in content[-_TAIL_BYTES:]:
        raise ValidationError(DAMAGED, code="truncated_pdf")
    if _page_count(content) < 1:
        raise ValidationError(
            f"This PDF has no pages. Export {what} again and upload the new file.",
            code="empty_pdf",
        )
    return content


def _page_count(content: bytes) -> int:
    # Imported here, not at the top: pypdf and the cryptography it loads take ~23 MiB, which
    # every web worker would hold (and copy) for the rare request that uploads a PDF.
    from pypdf import PdfReader

    # pypdf logs what it repairs in a sloppy file; the refusal below is what matters here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            # Most "protected" PDFs open without a password: only editing is locked.
            reader.decrypt("")
        return len(reader.pages)
    except Exception as exc:
        # pypdf raises its own errors for most broken files, and Python's for the rest.
        raise ValidationError(DAMAGED, code="damaged_pdf") from exc
