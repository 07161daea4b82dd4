"""Signed-in pages and answers, and private downloads, are kept by no browser or proxy;
anonymous public pages keep their caching."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.support.tokens import token_key_for
from tests.upload_files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize(
    "url",
    ["/", "/dashboard/", "/favourites/", "/services/?q=news", "/freelancers/elena/"],
)
def test_every_page_a_signed_in_person_gets_is_private_and_not_stored(client, freelancer, url):
    client.force_login(freelancer)
    response = client.get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_an_api_answer_to_a_token_is_private_and_not_stored(hiring_client, service):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(hiring_client)}")
    response = api.get("/api/v1/engagements/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


@pytest.mark.parametrize("url", ["/", "/services/?q=news", "/freelancers/elena/"])
def test_anonymous_public_pages_keep_their_caching(client, service, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not {"private", "no-store"} & directives(response)


def test_a_resume_download_is_private_and_not_stored_even_anonymously(client, freelancer, profile):
    client.force_login(freelancer)
    client.post(
        reverse("dashboard:resume_upload"),
        {"resume": upload("cv.pdf", pdf_bytes(), "application/pdf")},
    )
    client.logout()
    response = client.get(reverse("profiles:resume", args=[profile.slug]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_a_job_attachment_download_is_private_and_not_stored(client, hiring_client, job):
    client.force_login(hiring_client)
    api = APIClient()
    api.force_authenticate(hiring_client)
    created = api.post(
        f"/api/v1/jobs/{job.pk}/attachments/",
        {"file": upload("brief.pdf", pdf_bytes(), "application/pdf")},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    response = client.get(created.json()["download_url"])
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
