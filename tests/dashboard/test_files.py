"""Avatar, banner and resume uploads through the dashboard: what is kept, what is refused,
and that a refused upload leaves no file and no changed row behind."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.dashboard.state import database_state
from tests.upload_files import (
    HOSTILE_UPLOAD_IDS,
    HOSTILE_UPLOADS,
    files_under,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def stored_files(settings):
    def current() -> set[str]:
        return {f"media/{name}" for name in files_under(settings.MEDIA_ROOT)} | {
            f"private/{name}" for name in files_under(settings.PRIVATE_MEDIA_ROOT)
        }

    return current


def post_file(client, url_name: str, field: str, name: str, content: bytes, content_type: str):
    return client.post(reverse(url_name), {field: upload(name, content, content_type)})


def test_an_avatar_is_stored_as_256_and_64_pixel_versions(
    signed_in, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(
            signed_in,
            "dashboard:avatar_upload",
            "avatar",
            "me.jpg",
            jpeg_bytes(with_gps=True),
            "image/jpeg",
        )
    assert response["Location"] == reverse("dashboard:files")
    owner.refresh_from_db()
    with owner.avatar.open("rb") as large, owner.avatar_thumbnail.open("rb") as small:
        large_image, small_image = Image.open(large), Image.open(small)
        assert (large_image.size, small_image.size) == ((256, 256), (64, 64))
        assert not large_image.getexif()
    page = signed_in.get(reverse("dashboard:files")).content.decode()
    assert "Your new avatar is saved." in page
    assert owner.avatar.url in page


def test_replacing_an_avatar_deletes_the_old_files(
    signed_in, owner, stored_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(
            signed_in, "dashboard:avatar_upload", "avatar", "a.jpg", jpeg_bytes(), "image/jpeg"
        )
    owner.refresh_from_db()
    first = {owner.avatar.name, owner.avatar_thumbnail.name}
    with django_capture_on_commit_callbacks(execute=True):
        post_file(signed_in, "dashboard:avatar_upload", "avatar", "b.png", png_bytes(), "image/png")
    owner.refresh_from_db()
    second = {owner.avatar.name, owner.avatar_thumbnail.name}
    assert first.isdisjoint(second)
    assert stored_files() == {f"media/{name}" for name in second}


def test_removing_an_avatar_deletes_its_files(
    signed_in, owner, stored_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(
            signed_in, "dashboard:avatar_upload", "avatar", "a.jpg", jpeg_bytes(), "image/jpeg"
        )
        response = signed_in.post(reverse("dashboard:avatar_remove"), follow=True)
    assert "Your avatar is removed." in response.content.decode()
    owner.refresh_from_db()
    assert not owner.avatar and not owner.avatar_thumbnail
    assert stored_files() == set()


def test_a_banner_is_stored_at_most_1600_pixels_wide_and_can_be_replaced_and_removed(
    signed_in, owner, stored_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(
            signed_in,
            "dashboard:banner_upload",
            "banner",
            "b.jpg",
            jpeg_bytes(3000, 600),
            "image/jpeg",
        )
    owner.refresh_from_db()
    with owner.banner.open("rb") as banner:
        assert Image.open(banner).size == (1600, 320)
    first = owner.banner.name
    with django_capture_on_commit_callbacks(execute=True):
        post_file(
            signed_in,
            "dashboard:banner_upload",
            "banner",
            "c.png",
            png_bytes(1200, 300),
            "image/png",
        )
    owner.refresh_from_db()
    assert stored_files() == {f"media/{owner.banner.name}"} and owner.banner.name != first
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("dashboard:banner_remove"))
    owner.refresh_from_db()
    assert not owner.banner and stored_files() == set()


def test_a_resume_is_stored_privately_and_downloads_as_an_attachment(
    signed_in, client, owner, stored_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(
            signed_in, "dashboard:resume_upload", "resume", "cv.pdf", pdf_bytes(), "application/pdf"
        )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert stored_files() == {f"private/{owner.resume.name}"}
    download = client.get(reverse("profiles:resume", kwargs={"slug": owner.slug}))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_replacing_and_removing_a_resume_deletes_the_old_file(
    signed_in, owner, stored_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_file(
            signed_in, "dashboard:resume_upload", "resume", "a.pdf", pdf_bytes(), "application/pdf"
        )
        post_file(
            signed_in, "dashboard:resume_upload", "resume", "b.pdf", pdf_bytes(), "application/pdf"
        )
    owner.refresh_from_db()
    assert stored_files() == {f"private/{owner.resume.name}"}
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("dashboard:resume_remove"), follow=True)
    assert "Your resume is removed." in response.content.decode()
    assert stored_files() == set()


@pytest.mark.parametrize(
    ("field", "name", "make", "content_type", "message"), HOSTILE_UPLOADS, ids=HOSTILE_UPLOAD_IDS
)
def test_a_bad_upload_shows_its_error_and_changes_nothing(
    signed_in,
    owner,
    stored_files,
    django_capture_on_commit_callbacks,
    field,
    name,
    make,
    content_type,
    message,
):
    # The freelancer already has pictures and a resume, which must survive the bad upload.
    with django_capture_on_commit_callbacks(execute=True):
        post_file(
            signed_in, "dashboard:avatar_upload", "avatar", "a.jpg", jpeg_bytes(), "image/jpeg"
        )
        post_file(
            signed_in, "dashboard:banner_upload", "banner", "b.jpg", jpeg_bytes(), "image/jpeg"
        )
        post_file(
            signed_in, "dashboard:resume_upload", "resume", "c.pdf", pdf_bytes(), "application/pdf"
        )
    files_before, rows_before = stored_files(), database_state()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(
            signed_in, f"dashboard:{field}_upload", field, name, make(), content_type
        )

    assert response.status_code == 400
    form = response.context[f"{field}_form"]
    assert form.errors[field] == [message]
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert f'id="id_{field}_error"' in page or message in page
    assert stored_files() == files_before
    assert database_state() == rows_before


def test_a_missing_file_asks_for_one(signed_in, stored_files):
    response = signed_in.post(reverse("dashboard:avatar_upload"), {})
    assert response.status_code == 400
    assert response.context["avatar_form"].errors["avatar"] == ["This field is required."]
    assert stored_files() == set()


def test_a_failure_while_saving_removes_the_new_files_and_keeps_the_row(
    owner, settings, stored_files, monkeypatch
):
    from profiles import uploads
    from profiles.models import Profile
    from uploads.images import avatar_version

    avatar = avatar_version(upload("a.jpg", jpeg_bytes()))

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Profile, "save", broken_save)
    with pytest.raises(RuntimeError):
        uploads.replace_avatar(profile=owner, avatar=avatar)
    assert stored_files() == set()
    assert not owner.avatar and not owner.avatar_thumbnail


def test_uploaded_images_are_re_encoded_not_copied(signed_in, owner):
    original = png_bytes(300, 300)
    post_file(signed_in, "dashboard:avatar_upload", "avatar", "a.png", original, "image/png")
    owner.refresh_from_db()
    with owner.avatar.open("rb") as stored:
        content = stored.read()
    assert content != original
    assert Image.open(io.BytesIO(content)).format == "JPEG"
