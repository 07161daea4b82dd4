"""Twenty replacements of one file at once leave exactly the file the profile names: each
request deletes what the row named when it replaced it, read under the row's lock."""

from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from profiles.models import Profile
from tests.support.threads import run_concurrently
from tests.upload_files import jpeg_bytes, pdf_bytes, upload

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]
REPLACEMENTS = 20
FILES = {
    "avatar": ("me.jpg", jpeg_bytes(320, 320), "image/jpeg"),
    "resume": ("cv.pdf", pdf_bytes(), "application/pdf"),
}


def files_under(*folders: Path) -> set[str]:
    return {
        str(path.relative_to(folder))
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.mark.parametrize("field", list(FILES))
def test_twenty_replacements_at_once_leave_no_file_that_no_row_names(freelancer, field):
    def replace(_: int) -> int:
        api = APIClient()
        api.force_authenticate(freelancer)
        name, content, content_type = FILES[field]
        return api.put(
            f"/api/v1/me/{field}/",
            {field: upload(name, content, content_type)},
            format="multipart",
        ).status_code

    statuses = run_concurrently(REPLACEMENTS, replace)
    assert statuses == [200] * REPLACEMENTS, statuses
    profile = Profile.objects.get(user=freelancer)
    named = {
        name
        for name in (profile.avatar.name, profile.avatar_thumbnail.name, profile.resume.name)
        if name
    }
    assert files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == named
