"""The hostile upload corpus through the API: refused with 400 and the page's message, and
nothing stored: no file written, no row changed."""

import pytest

from profiles.models import Profile
from tests.support.api import error_of
from tests.upload_files import HOSTILE_UPLOAD_IDS, HOSTILE_UPLOADS, files_under, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "name", "make", "content_type", "message"), HOSTILE_UPLOADS, ids=HOSTILE_UPLOAD_IDS
)
def test_a_hostile_upload_is_refused_and_nothing_is_stored(
    as_user, freelancer, profile, settings, field, name, make, content_type, message
):
    row_before = Profile.objects.values().get(pk=profile.pk)
    response = as_user(freelancer).put(
        f"/api/v1/me/{field}/", {field: upload(name, make(), content_type)}, format="multipart"
    )
    assert response.status_code == 400
    assert error_of(response)["errors"] == {field: [message]}
    assert Profile.objects.values().get(pk=profile.pk) == row_before
    assert files_under(settings.MEDIA_ROOT) == set()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == set()
