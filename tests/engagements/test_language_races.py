"""Races: twenty attempts at once, exactly one winner. Each test prints what it measured
(`-s`)."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagements import document_quotes, quoting
from engagements.models import DocumentQuote, Engagement
from profiles.languages import MAX_LANGUAGE_PAIRS, TooManyLanguages, add_language_pair
from services.models import Service
from tests.engagements.test_word_counts import CORPUS
from tests.factories import ServiceFactory, UserFactory
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def outcome(results) -> Counter:
    return Counter(
        "won" if not isinstance(r, Exception) else getattr(r, "code", type(r).__name__)
        for r in results
    )


def test_twenty_requests_sending_one_document_attach_it_once(service):
    Service.objects.filter(pk=service.pk).update(per_word_rate=Decimal("0.10"))
    service.refresh_from_db()
    name = "ru_notes.txt"
    quote = document_quotes.quote_document(
        service=service, name=name, upload=SimpleUploadedFile(name, (CORPUS / name).read_bytes())
    )
    clients = [UserFactory(username=f"client{i}") for i in range(ATTEMPTS)]
    # A first request elsewhere loads the email templates, as a running site has: the race
    # measures the claim, not the first compilation of a template.
    quoting.request_quote(service=ServiceFactory(), client=clients[0], what="A first request.")
    results = run_concurrently(
        ATTEMPTS,
        lambda i: quoting.request_quote(
            service=service, client=clients[i], what="Translate my notes.", document=quote
        ),
    )
    measured = outcome(results)
    print(f"\n20 concurrent requests with one document: {dict(measured)}")
    assert measured == {"won": 1, "duplicate": ATTEMPTS - 1}
    # The refused requests rolled back: one engagement on the service, with the document.
    engagement = Engagement.objects.get(service=service)
    assert DocumentQuote.objects.get().engagement == engagement


def test_twenty_pairs_added_at_once_past_the_limit_add_one(profile):
    codes = ["en", "fr", "es", "it", "pt", "nl", "sv", "da", "fi", "pl", "cs", "sk"]
    existing = [(s, t) for s in codes for t in codes if s != t][: MAX_LANGUAGE_PAIRS - 1]
    for source, target in existing:
        add_language_pair(profile=profile, source=source, target=target, subjects=[])
    fresh = [(s, "de") for s in codes][:ATTEMPTS] + [("de", t) for t in codes]
    results = run_concurrently(
        ATTEMPTS,
        lambda i: add_language_pair(
            profile=profile, source=fresh[i][0], target=fresh[i][1], subjects=[]
        ),
    )
    measured = outcome(results)
    limit = MAX_LANGUAGE_PAIRS
    print(f"\n20 concurrent pairs at {limit - 1} of {limit}: {dict(measured)}")
    assert measured == {"won": 1, TooManyLanguages.__name__: ATTEMPTS - 1}
    assert profile.language_pairs.count() == MAX_LANGUAGE_PAIRS
