"""Alert runs that overlap (a slow run and the next beat tick) send each item once."""

import pytest

from outbox.models import OutgoingEmail
from saved_searches.alerting import send_due_alerts
from saved_searches.models import SentMatch
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
