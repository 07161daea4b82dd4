"""Concurrent review submissions (PostgreSQL, real threads): one row, no 500, no drift."""

import pytest
from django.test import Client
from django.urls import reverse

from reviews.drift import find_drift
from reviews.exceptions import ReviewRefused
from reviews.models import Review
from reviews.submission import submit_review
from tests.factories import CompletedEngagementFactory, ServiceFactory
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 20
TEXT = "Clear, well-researched and on time."


def test_twenty_concurrent_submissions_of_one_review_store_exactly_one(engagement_in):
    engagement = engagement_in("completed")

    def submit(i):
        return submit_review(
            engagement=engagement, author=engagement.client, rating=1 + i % 5, text=TEXT
        )

    results = run_concurrently(THREADS, submit)
    assert sum(isinstance(r, Review) for r in results) == 1, results
    refusals = [r for r in results if isinstance(r, ReviewRefused)]
    assert len(refusals) == THREADS - 1
    assert {r.code for r in refusals} == {"duplicate"}
    assert Review.objects.count() == 1
    assert find_drift() == []


def test_twenty_concurrent_review_posts_on_the_page_never_fail(engagement_in):
    engagement = engagement_in("completed")
    browsers = []
    for _ in range(THREADS):
        browser = Client()
        browser.force_login(engagement.client)
        browsers.append(browser)
    url = reverse("reviews:create", args=[engagement.pk])

    results = run_concurrently(
        THREADS, lambda i: browsers[i].post(url, {"rating": "5", "text": TEXT}).status_code
    )
    assert results == [302] * THREADS
    assert Review.objects.filter(engagement=engagement).count() == 1


def test_concurrent_reviews_of_one_freelancers_services_are_all_counted(service):
    """Without row locks, each transaction would recount without the others' reviews."""
    other_service = ServiceFactory(owner=service.owner)
    engagements = [
        CompletedEngagementFactory(service=service if i % 2 else other_service)
        for i in range(THREADS)
    ]

    def submit(i):
        engagement = engagements[i]
        return submit_review(engagement=engagement, author=engagement.client, rating=4, text=TEXT)

    results = run_concurrently(THREADS, submit)
    assert all(isinstance(r, Review) for r in results), results
    service.refresh_from_db()
    service.owner.refresh_from_db()
    assert service.review_count == THREADS // 2
    assert service.owner.review_count == THREADS
    assert find_drift() == []
