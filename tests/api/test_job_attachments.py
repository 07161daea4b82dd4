"""A job's files through the API: the page's checks and rules (jobs_attachments_*)."""

import pytest
from django.conf import settings

from jobs.attachments import MAX_ATTACHMENTS
from jobs.models import JobAttachment
from tests.factories import JobPostFactory
from tests.jobs.state import database_state
from tests.support.api import error_of
from tests.upload_files import (
    HOSTILE_UPLOAD_IDS,
    HOSTILE_UPLOADS,
    files_under,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def files_url(job) -> str:
    return f"/api/v1/jobs/{job.pk}/attachments/"


def send(api, job, name="brief.pdf", content=None, content_type="application/pdf", **extra):
    content = pdf_bytes() if content is None else content
    return api.post(
        files_url(job), {"file": upload(name, content, content_type)}, format="multipart", **extra
    )


def test_the_client_attaches_lists_and_removes_a_file(as_user, hiring_client, job):
    api = as_user(hiring_client)
    created = send(api, job, "cover.png", png_bytes(transparent=True), "image/png")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["name"] == "cover.png" and data["content_type"] == "image/png"
    assert created["Location"] == data["url"]
    assert api.get(files_url(job)).json() == [data]
    assert api.get(data["url"]).json() == data
    download = api.get(data["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert api.delete(data["url"]).status_code == 204
    assert not JobAttachment.objects.exists()


@pytest.mark.parametrize(
    ("kind", "name", "content", "content_type", "message"), HOSTILE_UPLOADS, ids=HOSTILE_UPLOAD_IDS
)
def test_hostile_files_are_a_400_with_the_fields_message(
    as_user, hiring_client, job, kind, name, content, content_type, message
):
    before = database_state()
    response = send(as_user(hiring_client), job, name, content(), content_type)
    assert response.status_code == 400
    assert error_of(response)["errors"]["file"]
    assert database_state() == before
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == set()


def test_past_the_limit_is_a_409(as_user, hiring_client, job):
    api = as_user(hiring_client)
    for _ in range(MAX_ATTACHMENTS):
        assert send(api, job).status_code == 201
    response = send(api, job)
    assert response.status_code == 409
    assert error_of(response)["code"] == "too_many"


def test_a_repeated_upload_with_one_idempotency_key_is_stored_once(as_user, hiring_client, job):
    api = as_user(hiring_client)
    responses = [send(api, job, HTTP_IDEMPOTENCY_KEY="file-1") for _ in range(2)]
    assert [r.status_code for r in responses] == [201, 201]
    assert JobAttachment.objects.count() == 1
    assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == 1


@pytest.fixture
def attachment(as_user, hiring_client, job):
    send(as_user(hiring_client), job)
    return JobAttachment.objects.get()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("outsider", 404), ("freelancer", 404), ("staff", 404)],
)
def test_only_the_client_changes_files(as_user, request, job, attachment, who, status):
    api = as_user(None if who == "anonymous" else request.getfixturevalue(who))
    before = database_state()
    assert send(api, job).status_code == status
    assert api.delete(f"{files_url(job)}{attachment.pk}/").status_code == status
    assert database_state() == before and JobAttachment.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("outsider", 404), ("freelancer", 404), ("staff", 200), ("client", 200)],
)
def test_a_drafts_files_are_read_by_its_client_and_staff_only(
    as_user, request, hiring_client, who, status
):
    draft = JobPostFactory(client=hiring_client, status="draft", published_at=None)
    send(as_user(hiring_client), draft)
    user = {"anonymous": None, "client": hiring_client}.get(who) or (
        None if who == "anonymous" else request.getfixturevalue(who)
    )
    api = as_user(user)
    assert api.get(files_url(draft)).status_code == status
    pk = JobAttachment.objects.get().pk
    assert api.get(f"{files_url(draft)}{pk}/").status_code == status


def test_an_open_jobs_files_are_public(api, attachment, job):
    (listed,) = api.get(files_url(job)).json()
    assert listed["id"] == attachment.pk


@pytest.mark.parametrize("count", [1, MAX_ATTACHMENTS])
def test_the_list_runs_a_fixed_number_of_queries(
    as_user, hiring_client, job, django_assert_num_queries, count
):
    api = as_user(hiring_client)
    for _ in range(count):
        send(api, job)
    # The token's user, the job, its files.
    with django_assert_num_queries(3):
        assert len(api.get(files_url(job)).json()) == count
