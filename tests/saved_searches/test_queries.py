"""The manage page runs a fixed number of queries; the alert run a fixed number per search."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saved_searches.alerting import send_due_alerts
from saved_searches.models import MAX_SAVED_SEARCHES
from services.search import refresh_search_vectors
from tests.factories import ServiceFactory, UserFactory

# Per search of a person: its matches' ids, their cards, and reading its query's category
# and skills (the page's filter checks that they exist; a top-level category its children).
QUERIES_PER_SEARCH = 5
# Per person: the locked searches, the matches recorded, the searches moved on, the email,
# and the transaction's two statements.
QUERIES_PER_PERSON = 6


@pytest.mark.parametrize("count", [1, MAX_SAVED_SEARCHES])
def test_the_manage_page_runs_a_fixed_number_of_queries(
    client, hiring_client, save, articles, news_writing, django_assert_max_num_queries, count
):
    for n in range(count):
        save(hiring_client, f"/services/?q=news&max_rate={100 + n}", name=f"Search {n}")
    client.force_login(hiring_client)

    # The session, the user, the searches, the skills they name (by name, not slug).
    with django_assert_max_num_queries(4):
        page = client.get(reverse("saved_searches:list"))

    assert len(page.context["searches"]) == count


def queries_of_a_run(django_capture_on_commit_callbacks) -> int:
    mail.outbox.clear()
    # The emails go after the commit, through the outbox: not the run's own queries.
    with (
        CaptureQueriesContext(connection) as run,
        django_capture_on_commit_callbacks(execute=False),
    ):
        send_due_alerts()
    return len(run)


@pytest.mark.parametrize("searches", [1, 5])
def test_the_alert_run_costs_a_fixed_number_of_queries_per_search(
    save, hiring_client, articles, news_writing, django_capture_on_commit_callbacks, searches
):
    for n in range(searches):
        save(
            hiring_client,
            f"/services/?q=news&skill=news-writing&category=articles-news&max_rate={100 + n}",
            name=f"Search {n}",
        )
    for n in range(3):
        service = ServiceFactory(title=f"News {n}", category=articles, skills=[news_writing])
        refresh_search_vectors(service_ids=[service.pk])

    queries = queries_of_a_run(django_capture_on_commit_callbacks)

    # Finding who is due, then each person's share.
    assert queries <= 1 + QUERIES_PER_PERSON + searches * QUERIES_PER_SEARCH


@pytest.mark.parametrize("people", [1, 5])
def test_the_alert_run_costs_a_fixed_number_of_queries_per_person(
    save, articles, news_writing, django_capture_on_commit_callbacks, people
):
    for n in range(people):
        save(UserFactory(), "/services/?q=news", name=f"Search {n}")
    service = ServiceFactory(title="News, fast", category=articles, skills=[news_writing])
    refresh_search_vectors(service_ids=[service.pk])

    queries = queries_of_a_run(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 0  # queued, not sent: the commit has not happened
    assert queries <= 1 + people * (QUERIES_PER_PERSON + QUERIES_PER_SEARCH)
