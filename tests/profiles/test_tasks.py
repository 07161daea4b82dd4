"""The avatar thumbnail, derived by a worker: once, for the avatar it was asked for."""

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from profiles import uploads
from profiles.tasks import make_avatar_thumbnail
from tests.factories import ProfileFactory
from tests.upload_files import files_under, jpeg_bytes, upload
from uploads import images

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return ProfileFactory(slug="olga")


def new_avatar(profile):
    """Replace the avatar without running the after-commit thumbnail task."""
    uploads.replace_avatar(
        profile=profile, avatar=images.avatar_version(upload("a.jpg", jpeg_bytes()))
    )
    return profile.avatar.name


def test_the_thumbnail_is_made_once_however_often_the_task_runs(profile, settings):
    name = new_avatar(profile)
    assert make_avatar_thumbnail.delay(profile_id=profile.pk, avatar_name=name).get() is True
    assert make_avatar_thumbnail.delay(profile_id=profile.pk, avatar_name=name).get() is False
    profile.refresh_from_db()
    assert profile.avatar_thumbnail.name == name.removesuffix(".jpg") + "-64.jpg"
    with profile.avatar_thumbnail.open("rb") as stored:
        assert Image.open(stored).size == (64, 64)
    assert len(files_under(settings.MEDIA_ROOT)) == 2


def test_a_task_for_a_replaced_avatar_does_nothing(profile, settings):
    old = new_avatar(profile)
    new = new_avatar(profile)
    assert make_avatar_thumbnail.delay(profile_id=profile.pk, avatar_name=old).get() is False
    profile.refresh_from_db()
    assert profile.avatar.name == new and not profile.avatar_thumbnail


def test_a_rerun_after_a_crash_reuses_the_thumbnail_it_had_stored(profile, settings):
    name = new_avatar(profile)
    thumbnail = name.removesuffix(".jpg") + "-64.jpg"
    profile.avatar_thumbnail.storage.save(thumbnail, ContentFile(b"written before the crash"))
    assert make_avatar_thumbnail.delay(profile_id=profile.pk, avatar_name=name).get() is True
    profile.refresh_from_db()
    assert profile.avatar_thumbnail.name == thumbnail
    assert len(files_under(settings.MEDIA_ROOT)) == 2
