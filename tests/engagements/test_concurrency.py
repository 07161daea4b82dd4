"""Concurrent transitions of one engagement: exactly one wins (PostgreSQL, real threads)."""

import pytest
from django.test import Client
from django.urls import reverse

from engagements import transitions
from engagements.exceptions import ActionRefused
from engagements.models import Engagement
from tests.factories import EngagementFactory
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 20


def test_twenty_concurrent_answers_to_one_request_leave_exactly_one_winner(engagement, freelancer):
    # Only answers: a client may still cancel an accepted request, so a cancel racing an
    # accept can rightly win too, and would make two winners.
    def answer(i):
        fresh = Engagement.objects.get(pk=engagement.pk)
        if i % 2:
            return transitions.decline(engagement=fresh, by=freelancer).state
        return transitions.accept(engagement=fresh, by=freelancer).state

    results = run_concurrently(THREADS, answer)
    winners = [r for r in results if isinstance(r, str)]
    assert len(winners) == 1, results
    assert all(isinstance(r, ActionRefused) for r in results if r not in winners), results
    engagement.refresh_from_db()
    assert engagement.state == winners[0]


def test_twenty_concurrent_completions_count_once(engagement_in, hiring_client):
    engagement = engagement_in("delivered")

    def complete(i):
        return transitions.complete(
            engagement=Engagement.objects.get(pk=engagement.pk), by=hiring_client
        )

    results = run_concurrently(THREADS, complete)
    assert sum(isinstance(r, Engagement) for r in results) == 1, results
    engagement.freelancer.refresh_from_db()
    assert engagement.freelancer.completed_engagement_count == 1


def test_completions_of_one_freelancers_engagements_at_once_are_all_counted(service, hiring_client):
    engagements = [EngagementFactory(service=service, client=hiring_client) for _ in range(10)]
    for engagement in engagements:
        transitions.accept(engagement=engagement, by=service.owner.user)
        transitions.deliver(engagement=engagement, by=service.owner.user)

    results = run_concurrently(
        len(engagements),
        lambda i: transitions.complete(engagement=engagements[i], by=hiring_client),
    )
    assert all(isinstance(r, Engagement) for r in results), results
    service.owner.refresh_from_db()
    assert service.owner.completed_engagement_count == 10


def test_concurrent_button_presses_on_the_page_never_fail(engagement, freelancer):
    browsers = []
    for _ in range(THREADS):
        browser = Client()
        browser.force_login(freelancer)
        browsers.append(browser)
    url = reverse("engagements:transition", args=[engagement.pk, "accept"])

    results = run_concurrently(THREADS, lambda i: browsers[i].post(url).status_code)
    assert results == [302] * THREADS
    engagement.refresh_from_db()
    assert engagement.state == "accepted"
