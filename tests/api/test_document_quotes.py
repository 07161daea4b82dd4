"""Instant quotes from documents through the API."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagements.models import DocumentQuote, Engagement
from services.models import Service
from tests.engagements import hostile
from tests.engagements.test_word_counts import CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def priced(service):
    Service.objects.filter(pk=service.pk).update(per_word_rate=Decimal("0.05"), words_per_day=1000)
    service.refresh_from_db()
    return service


def post(api, service, name, content=None):
    content = (CORPUS / name).read_bytes() if content is None else content
    return api.post(
        f"/api/v1/services/{service.slug}/document-quotes/",
        {"document": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def test_an_anonymous_client_gets_words_and_price(api, priced):
    response = post(api, priced, "zh_manual.docx")
    assert response.status_code == 201
    data = response.json()
    assert (data["word_count"], data["price"], data["price_display"]) == (72, "3.60", "$3.60")
    assert data["status"] == "ready" and data["delivery_days"] == 1
    assert response["Location"] == data["url"]
    assert api.get(data["url"]).json()["id"] == data["id"]


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("empty.txt", b"", 400, "empty"),
        ("bomb.docx", None, 400, "archive_bomb"),
        ("laughs.docx", None, 400, "xml_entities"),
        ("liar.pdf", b"just text, not a PDF", 400, "wrong_type"),
    ],
)
def test_hostile_documents_are_4xx_with_a_code(api, priced, name, content, status, code):
    if name == "bomb.docx":
        content = hostile.zip_bomb_docx()
    if name == "laughs.docx":
        content = hostile.billion_laughs_docx()
    response = post(api, priced, name, content)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert not DocumentQuote.objects.exists()


def test_a_service_without_a_per_word_rate_is_a_404(api, service):
    assert post(api, service, "ru_notes.txt").status_code == 404


def test_the_quote_goes_with_a_request_and_then_is_private(
    api, as_user, priced, hiring_client, cast
):
    quote_id = post(api, priced, "ru_notes.txt").json()["id"]
    client_api = as_user(hiring_client)
    response = client_api.post(
        "/api/v1/engagements/",
        {"service": priced.slug, "what": "Translate my notes, please.", "document": quote_id},
        format="json",
    )
    assert response.status_code == 201, response.json()
    quote = DocumentQuote.objects.get()
    assert quote.engagement == Engagement.objects.get() and quote.owner == hiring_client
    for who, expected in [("anonymous", 404), ("outsider", 404), ("staff", 404), ("owner", 200)]:
        assert as_user(cast[who]).get(f"/api/v1/document-quotes/{quote_id}/").status_code == (
            expected
        )
    assert as_user(hiring_client).get(f"/api/v1/document-quotes/{quote_id}/").status_code == 200


def test_a_request_with_someone_elses_or_an_unknown_quote_is_a_400(as_user, priced, hiring_client):
    response = as_user(hiring_client).post(
        "/api/v1/engagements/",
        {
            "service": priced.slug,
            "what": "Translate my notes, please.",
            "document": "00000000-0000-4000-8000-000000000000",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not Engagement.objects.exists()
