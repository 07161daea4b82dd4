"""Alert runs that overlap (a slow run and the next beat tick) send each item once."""

import pytest
from django.db import IntegrityError, transaction

from outbox.models import OutgoingEmail
from saved_searches import saving
from saved_searches.alerting import send_due_alerts
from saved_searches.models import SavedSearch, SentMatch
from services.search import refresh_search_vectors
from tests.factories import ServiceFactory
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 8


def test_concurrent_runs_email_each_person_once(save, hiring_client, articles, news_writing):
    save(hiring_client, "/services/?q=news", name="News")
    save(hiring_client, "/services/?skill=news-writing", name="News writing")
    services = [
        ServiceFactory(title=f"News {n}", category=articles, skills=[news_writing])
        for n in range(3)
    ]
    refresh_search_vectors(service_ids=[service.pk for service in services])

    results = run_concurrently(THREADS, lambda i: send_due_alerts())

    assert sorted(results) == [0] * (THREADS - 1) + [1], results
    assert OutgoingEmail.objects.count() == 1
    assert SentMatch.objects.count() == 2 * len(services)


def test_twenty_saves_of_one_search_at_once_keep_one_row(hiring_client, articles, news_writing):
    def save_it(index: int):
        return saving.save_search(
            user=hiring_client, kind="services", query={"q": ["news"]}, name=f"News {index}"
        )

    results = run_concurrently(20, save_it)

    refusals = [r for r in results if isinstance(r, saving.SavedSearchRefused)]
    assert len(refusals) == 19 and {r.code for r in refusals} == {"duplicate"}, results
    assert SavedSearch.objects.count() == 1


def test_the_database_keeps_one_copy_of_a_search(hiring_client):
    search = {"user": hiring_client, "kind": "services", "query": {"q": ["news"]}}
    SavedSearch.objects.create(name="News", **search)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedSearch.objects.create(name="News again", **search)
