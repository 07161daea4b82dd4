"""Uploads on S3-compatible storage (a real S3 API: moto's server): images public, resumes
private and reached only through the download view."""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import ProfileFactory
from tests.upload_files import jpeg_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return ProfileFactory(user__username="olga", slug="olga", display_name="Olga Owner")


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def keys(s3_media, bucket: str) -> set[str]:
    listing = s3_media["client"].list_objects_v2(Bucket=s3_media[bucket])
    return {item["Key"] for item in listing.get("Contents", [])}


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def upload_avatar(client):
    return client.post(
        reverse("dashboard:avatar_upload"),
        {"avatar": upload("me.jpg", jpeg_bytes(), "image/jpeg")},
    )


def test_an_avatar_goes_to_the_public_bucket_and_anyone_can_fetch_it(
    signed_in, client, owner, s3_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert upload_avatar(signed_in).status_code == 302
    owner.refresh_from_db()
    assert keys(s3_media, "public") == {owner.avatar.name, owner.avatar_thumbnail.name}
    client.logout()
    page = client.get(owner.get_absolute_url()).content.decode()
    url = re.search(r'<img[^>]+src="([^"]+)"', page[page.index("Olga Owner") :]).group(1)
    assert url.startswith(s3_media["client"].meta.endpoint_url)
    status, content = fetch(url)
    assert status == 200
    assert Image.open(io.BytesIO(content)).size in {(256, 256), (64, 64)}


def test_replacing_an_avatar_deletes_the_old_objects(
    signed_in, owner, s3_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_avatar(signed_in)
        upload_avatar(signed_in)
    owner.refresh_from_db()
    assert keys(s3_media, "public") == {owner.avatar.name, owner.avatar_thumbnail.name}


def test_a_resume_is_a_private_object_downloaded_only_through_the_site(
    signed_in, client, owner, s3_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            reverse("dashboard:resume_upload"),
            {"resume": upload("cv.pdf", pdf_bytes(), "application/pdf")},
        )
    owner.refresh_from_db()
    key = f"private/{owner.resume.name}"
    assert keys(s3_media, "private") == {key}
    assert keys(s3_media, "public") == set()
    endpoint = s3_media["client"].meta.endpoint_url
    assert fetch(f"{endpoint}/{s3_media['private']}/{key}")[0] == 403

    client.logout()
    download = client.get(reverse("profiles:resume", kwargs={"slug": owner.slug}))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="olga-owner-resume.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_resume_whose_object_went_missing_is_not_found(
    signed_in, client, owner, s3_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            reverse("dashboard:resume_upload"),
            {"resume": upload("cv.pdf", pdf_bytes(), "application/pdf")},
        )
    owner.refresh_from_db()
    s3_media["client"].delete_object(Bucket=s3_media["private"], Key=f"private/{owner.resume.name}")
    assert client.get(reverse("profiles:resume", kwargs={"slug": owner.slug})).status_code == 404
