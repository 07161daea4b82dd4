"""The instant quote from a document: upload, price, progress, request, access and clean-up."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagements import tasks
from engagements.document_counting import price_for
from engagements.models import DocumentQuote, Engagement
from services.models import Service
from tests.engagements import hostile
from tests.engagements.test_word_counts import CORPUS


@pytest.fixture
def translation_service(service):
    Service.objects.filter(pk=service.pk).update(
        per_word_rate=Decimal("0.10"), minimum_charge=Decimal("10"), words_per_day=50
    )
    service.refresh_from_db()
    return service


def upload(client, service, name: str, content: bytes | None = None):
    content = (CORPUS / name).read_bytes() if content is None else content
    return client.post(
        reverse("engagements:document_quote_upload", args=[service.slug]),
        {"document": SimpleUploadedFile(name, content)},
    )


def test_the_price_is_words_times_rate_at_least_the_minimum():
    rate = Decimal("0.085")
    assert price_for(words=1000, per_word_rate=rate, minimum_charge=None) == Decimal("85.00")
    assert price_for(words=3, per_word_rate=rate, minimum_charge=Decimal("25")) == Decimal("25")
    assert price_for(words=7, per_word_rate=rate, minimum_charge=None) == Decimal("0.60")


def test_a_visitor_uploads_a_document_and_sees_words_price_and_delivery(
    client, translation_service
):
    response = upload(client, translation_service, "en_services_agreement.docx")
    quote = DocumentQuote.objects.get()
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "132" in page and "$13.20" in page  # 132 words × $0.10
    assert "About 3 working days" in page  # 50 words a day
    assert "each character counts as one word" in page  # the rule, explained
    assert "Request this quote" in page
    assert quote.owner is None


def test_a_hostile_document_is_a_400_with_the_message_and_nothing_stored(
    client, translation_service
):
    response = upload(client, translation_service, "contract.docx", hostile.billion_laughs_docx())
    assert response.status_code == 400
    assert "declares XML entities" in response.content.decode()
    assert not DocumentQuote.objects.exists()
    response = upload(client, translation_service, "empty.txt", b"")
    assert response.status_code == 400


def test_a_pdf_is_counted_by_a_task_whose_progress_the_page_shows(
    client, translation_service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(client, translation_service, "fr_article.pdf")
    quote = DocumentQuote.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'http-equiv="refresh"' in page
    for callback in queued:
        callback()
    quote.refresh_from_db()
    assert (quote.status, quote.word_count, quote.progress) == ("ready", 86, 100)
    tasks.count_document_quote(str(quote.pk))  # a rerun changes nothing
    assert DocumentQuote.objects.get().word_count == 86


def test_a_service_without_a_per_word_rate_offers_no_upload(client, service):
    response = upload(client, service, "ru_notes.txt")
    assert response.status_code == 404


def test_request_this_quote_prefills_the_form_and_attaches_the_document(
    client, translation_service, hiring_client
):
    upload(client, translation_service, "ru_notes.txt")
    quote = DocumentQuote.objects.get()
    request_url = reverse("engagements:request_quote", args=[translation_service.slug])
    # Signed out: through sign-in, and back with the document named in the address.
    response = client.get(f"{request_url}?document={quote.pk}")
    assert response.status_code == 302 and "document%3D" in response["Location"]
    client.force_login(hiring_client)
    page = client.get(f"{request_url}?document={quote.pk}").content.decode()
    assert "ru_notes.txt" in page and "53 words" in page
    assert 'name="budget"' in page and 'value="10.00"' in page  # 53 × 0.10 < the $10 minimum
    response = client.post(
        request_url, {"what": "Please translate my notes.", "budget": "10", "document": quote.pk}
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.owner, quote.engagement) == (hiring_client, engagement)
    # The freelancer opens the request and downloads the document.
    client.force_login(translation_service.owner.user)
    page = client.get(engagement.get_absolute_url()).content.decode()
    assert "ru_notes.txt" in page
    download = client.get(reverse("engagements:document_quote_download", args=[quote.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith("Заметки".encode())


@pytest.mark.parametrize("who", ["anonymous", "outsider", "staff"])
def test_a_claimed_quote_is_hidden_from_everyone_else(
    client, translation_service, hiring_client, cast, who
):
    upload(client, translation_service, "ru_notes.txt")
    quote = DocumentQuote.objects.get()
    quote.owner = hiring_client
    quote.save()
    client.logout()
    if cast[who] is not None:
        client.force_login(cast[who])
    assert client.get(quote.get_absolute_url()).status_code == 404
    download = reverse("engagements:document_quote_download", args=[quote.pk])
    assert client.get(download).status_code == 404
    client.force_login(hiring_client)
    assert client.get(quote.get_absolute_url()).status_code == 200


def test_the_upload_needs_the_csrf_token(translation_service):
    response = Client(enforce_csrf_checks=True).post(
        reverse("engagements:document_quote_upload", args=[translation_service.slug]),
        {"document": SimpleUploadedFile("a.txt", b"hello world")},
    )
    assert response.status_code == 403
    assert not DocumentQuote.objects.exists()


def test_anonymous_documents_are_deleted_after_an_hour(client, translation_service, settings):
    upload(client, translation_service, "ja_guide.md")
    quote = DocumentQuote.objects.get()
    stored = quote.document.path
    assert tasks.prune_anonymous_documents() == 0
    DocumentQuote.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert tasks.prune_anonymous_documents() == 1
    assert not DocumentQuote.objects.exists()
    assert not os.path.exists(stored)
    assert "prune-anonymous-documents" in settings.CELERY_BEAT_SCHEDULE


def test_the_quote_page_runs_a_constant_number_of_queries(
    client, translation_service, django_assert_max_num_queries
):
    upload(client, translation_service, "ru_notes.txt")
    quote = DocumentQuote.objects.get()
    # the quote with its service, freelancer and engagement (the session is anonymous)
    with django_assert_max_num_queries(3):
        assert client.get(quote.get_absolute_url()).status_code == 200
