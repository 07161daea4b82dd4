"""Limits are written once, as constants: the sentences that state them read the constants."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from engagements.models import AUTO_COMPLETE_AFTER, REVIEW_WINDOW
from profiles.forms import AvatarForm, BannerForm, ResumeForm
from reviews.models import EDIT_WINDOW
from uploads.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_SIZE

ROOT = Path(settings.BASE_DIR)
# The limits as literals, however they are spelled in a sentence.
LITERALS = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:MB|megapixels)\b|\b\d+ days\b")
# Where people read them: every template, and the modules that word the upload checks.
PROSE = [
    *sorted((ROOT / "templates").rglob("*.html")),
    *sorted((ROOT / "templates").rglob("*.txt")),
    ROOT / "profiles/forms.py",
    ROOT / "uploads/images.py",
    ROOT / "uploads/pdfs.py",
]


@pytest.mark.parametrize("path", PROSE, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_limit_is_written_as_a_literal(path):
    assert LITERALS.findall(path.read_text()) == []


def test_the_constants_say_what_the_sentences_said():
    assert MAX_UPLOAD_SIZE == "5 MB" and MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    assert (AUTO_COMPLETE_AFTER.days, EDIT_WINDOW.days, REVIEW_WINDOW.days) == (14, 14, 30)


def test_the_upload_help_texts_state_the_limit():
    for form in (AvatarForm(), BannerForm(), ResumeForm()):
        (field,) = form.fields.values()
        assert f"at most {MAX_UPLOAD_SIZE}" in field.help_text
