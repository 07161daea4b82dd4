import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter

from profiles.forms import ResumeForm
from tests.upload_files import pageless_pdf_bytes, pdf_bytes, png_bytes, upload


def _read_resume(file) -> bytes:
    """What the resume form cleans the upload to, or its first ValidationError."""
    form = ResumeForm(files={"resume": file})
    if form.is_valid():
        return form.cleaned_data["resume"]
    raise form.errors.as_data()["resume"][0]


def test_a_pdf_is_accepted_whatever_its_name():
    content = pdf_bytes()
    assert _read_resume(upload("cv.txt", content, "text/plain")) == content


def rejection(content: bytes, name: str = "cv.pdf") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _read_resume(upload(name, content, "application/pdf"))
    return caught.value


def test_a_png_renamed_to_pdf_is_refused():
    error = rejection(png_bytes())
    assert error.code == "not_pdf"
    assert error.messages == ["This file is not a PDF. Upload your resume as a PDF."]


def test_html_renamed_to_pdf_is_refused():
    assert rejection(b"<html><script>alert(1)</script></html>").code == "not_pdf"


def test_a_pdf_cut_short_is_refused():
    content = pdf_bytes()
    error = rejection(content[: len(content) - 200])
    assert error.code == "truncated_pdf"


def test_a_pdf_over_5_mb_is_refused():
    content = pdf_bytes()
    padded = content[:-6] + b" " * (5 * 1024 * 1024) + content[-6:]
    error = rejection(padded)
    assert error.code == "too_large"
    assert "larger than 5 MB" in error.messages[0]


def test_a_pdf_with_only_a_header_and_an_end_marker_is_refused():
    error = rejection(pageless_pdf_bytes())
    assert error.code == "damaged_pdf"


def test_a_pdf_without_pages_is_refused():
    out = io.BytesIO()
    PdfWriter().write(out)
    assert rejection(out.getvalue()).code == "empty_pdf"
