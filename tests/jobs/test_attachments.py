"""Files on a job's brief: checked by decoding like every upload, kept in the private
storage, downloaded only by those who may see the job."""

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from jobs import posting
from jobs.attachments import MAX_ATTACHMENTS
from jobs.models import JobAttachment
from tests.factories import JobPostFactory
from tests.jobs.state import database_state
from tests.upload_files import (
    HOSTILE_UPLOAD_IDS,
    HOSTILE_UPLOADS,
    files_under,
    jpeg_bytes,
    pdf_bytes,
    upload,
    webp_bytes,
)

pytestmark = pytest.mark.django_db


def attach(client, job, name="brief.pdf", content=None, content_type="application/pdf"):
    content = pdf_bytes() if content is None else content
    return client.post(
        reverse("jobs:attach", args=[job.pk]), {"file": upload(name, content, content_type)}
    )


@pytest.fixture
def owner(client, hiring_client):
    client.force_login(hiring_client)
    return client


def test_the_client_attaches_a_pdf_that_everyone_who_sees_the_job_downloads(owner, job, freelancer):
    response = attach(owner, job, name="Style guide (v2).pdf")
    assert response["Location"] == job.get_absolute_url()
    attachment = JobAttachment.objects.get()
    assert attachment.name == "Style_guide_v2.pdf"
    assert attachment.content_type == "application/pdf"
    # In the private storage, under a random name, with no public URL.
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == {attachment.file.name}
    assert files_under(settings.MEDIA_ROOT) == set()
    assert "Style_guide_v2.pdf" not in attachment.file.name
    owner.logout()
    page = owner.get(job.get_absolute_url()).content.decode()
    assert attachment.get_absolute_url() in page
    download = owner.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_an_image_is_stored_without_its_metadata(owner, job):
    assert (
        attach(owner, job, "photo.jpg", jpeg_bytes(with_gps=True), "image/jpeg").status_code == 302
    )
    attachment = JobAttachment.objects.get()
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    assert attachment.content_type == "image/jpeg"


def test_a_webp_is_accepted_and_stored_as_a_plain_image(owner, job):
    assert attach(owner, job, "cover.webp", webp_bytes(), "image/webp").status_code == 302
    assert JobAttachment.objects.get().name == "cover.jpg"


@pytest.mark.parametrize(
    ("kind", "name", "content", "content_type", "message"), HOSTILE_UPLOADS, ids=HOSTILE_UPLOAD_IDS
)
def test_hostile_files_are_refused_with_a_message_and_nothing_stored(
    owner, job, kind, name, content, content_type, message
):
    before = database_state()
    response = attach(owner, job, name, content(), content_type)
    assert response.status_code == 400
    assert 'class="field__error"' in response.content.decode()
    assert database_state() == before
    assert not JobAttachment.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == set()
    assert files_under(settings.MEDIA_ROOT) == set()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html", "neither a PDF"),
        ("brief.png", None, "image/png", "name says it is not the PDF"),
    ],
)
def test_what_is_refused_says_why(owner, job, name, content, content_type, message):
    response = attach(owner, job, name, content, content_type)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_job_takes_a_limited_number_of_files(owner, job):
    for _ in range(MAX_ATTACHMENTS):
        assert attach(owner, job).status_code == 302
    response = attach(owner, job)
    assert (
        f"at most {MAX_ATTACHMENTS} attachments" in owner.get(response["Location"]).content.decode()
    )
    assert JobAttachment.objects.count() == MAX_ATTACHMENTS
    assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == MAX_ATTACHMENTS


def test_a_closed_jobs_files_are_frozen(
    owner, job, hiring_client, django_capture_on_commit_callbacks
):
    attach(owner, job)
    attachment = JobAttachment.objects.get()
    posting.close_job(job=job, by=hiring_client)
    before = database_state()
    attach(owner, job)
    owner.post(reverse("jobs:remove_attachment", args=[job.pk, attachment.pk]))
    assert database_state() == before and JobAttachment.objects.count() == 1


def test_removing_a_file_deletes_it_after_the_commit(
    owner, job, django_capture_on_commit_callbacks
):
    attach(owner, job)
    attachment = JobAttachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(reverse("jobs:remove_attachment", args=[job.pk, attachment.pk]))
    assert response.status_code == 302
    assert not JobAttachment.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == set()


# The access matrix.


@pytest.fixture
def attached(client, hiring_client, job):
    client.force_login(hiring_client)
    attach(client, job)
    client.logout()
    return JobAttachment.objects.get(job=job)


@pytest.fixture
def draft_attachment(client, hiring_client):
    draft = JobPostFactory(client=hiring_client, status="draft", published_at=None)
    client.force_login(hiring_client)
    attach(client, draft)
    client.logout()
    return JobAttachment.objects.get(job=draft)


@pytest.mark.parametrize(
    ("who", "public_status", "draft_status"),
    [
        ("anonymous", 200, 404),
        ("outsider", 200, 404),
        ("freelancer", 200, 404),
        ("staff", 200, 200),
        ("hiring_client", 200, 200),
    ],
)
def test_who_downloads(
    as_user, request, attached, draft_attachment, who, public_status, draft_status
):
    browser = as_user(None if who == "anonymous" else request.getfixturevalue(who))
    assert browser.get(attached.get_absolute_url()).status_code == public_status
    assert browser.get(draft_attachment.get_absolute_url()).status_code == draft_status


def test_an_attachment_of_another_job_is_a_404(client, attached, hiring_client):
    other = JobPostFactory(client=hiring_client)
    url = reverse("jobs:attachment", args=[other.pk, attached.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "outsider", "freelancer", "staff"])
def test_only_the_client_attaches_and_removes(as_user, request, job, attached, who):
    browser = as_user(None if who == "anonymous" else request.getfixturevalue(who))
    before = database_state()
    files = files_under(settings.PRIVATE_MEDIA_ROOT)
    added = attach(browser, job)
    removed = browser.post(reverse("jobs:remove_attachment", args=[job.pk, attached.pk]))
    if who == "anonymous":
        assert added["Location"].startswith(reverse("account_login"))
        assert removed["Location"].startswith(reverse("account_login"))
    else:
        assert (added.status_code, removed.status_code) == (404, 404)
    assert database_state() == before and JobAttachment.objects.count() == 1
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == files


@pytest.mark.parametrize("count", [1, MAX_ATTACHMENTS])
def test_the_job_page_runs_a_fixed_number_of_queries_with_files(
    owner, job, django_assert_num_queries, count
):
    for _ in range(count):
        attach(owner, job)
    with django_assert_num_queries(8):
        owner.get(job.get_absolute_url())
