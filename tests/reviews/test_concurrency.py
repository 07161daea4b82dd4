"""Concurrent review submissions (PostgreSQL, real threads): one row, no 500, no drift."""

import pytest
from django.test import Client
from django.urls import reverse

from outbox.models import OutgoingEmail
from reviews.drift import find_drift
from reviews.exceptions import ReviewRefused
from reviews.models import Review
from reviews.submission import submit_review
from tests.factories import ClientReviewFactory, CompletedEngagementFactory, ServiceFactory
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
    # The freelancer has reviewed every client: each client's review is the second, and
    # publishes both (double-blind), so all of them count at once.
    for engagement in engagements:
        ClientReviewFactory(engagement=engagement, published_at=None)

    def submit(i):
        engagement = engagements[i]
        return submit_review(engagement=engagement, author=engagement.client, rating=4, text=TEXT)

    results = run_concurrently(THREADS, submit)
    assert all(isinstance(r, Review) for r in results), results
    service.refresh_from_db()
    service.owner.refresh_from_db()
    assert service.review_count == THREADS // 2
    assert service.owner.review_count == THREADS
    assert not Review.objects.pending().exists()
    assert find_drift() == []


def test_concurrent_second_submissions_publish_both_reviews_exactly_once(engagement_in):
    """The client's review is in; the freelancer's arrives twenty times at once."""
    engagement = engagement_in("completed")
    first = submit_review(engagement=engagement, author=engagement.client, rating=4, text=TEXT)
    freelancer = engagement.freelancer.user

    def submit(i):
        return submit_review(engagement=engagement, author=freelancer, rating=5, text=TEXT)

    results = run_concurrently(THREADS, submit)
    (second,) = [r for r in results if isinstance(r, Review)]
    assert {r.code for r in results if isinstance(r, ReviewRefused)} == {"duplicate"}
    first.refresh_from_db()
    assert first.published_at is not None and first.published_at == second.published_at
    published = OutgoingEmail.objects.filter(subject__startswith="Reviews published")
    assert published.count() == 2  # one to each side, once
    assert find_drift() == []


def test_both_sides_submitting_at_once_publish_both_exactly_once(engagement_in):
    """Neither sees the other's review in its own check; the engagement's lock makes the second
    wait and then see the first, so both are published, together, once."""
    for round_ in range(5):
        engagement = engagement_in("completed")
        authors = [engagement.client, engagement.freelancer.user]

        def submit(i, engagement=engagement, authors=authors):
            return submit_review(engagement=engagement, author=authors[i], rating=4, text=TEXT)

        results = run_concurrently(2, submit)
        assert all(isinstance(r, Review) for r in results), results
        times = set(
            Review.objects.filter(engagement=engagement).values_list("published_at", flat=True)
        )
        assert len(times) == 1 and None not in times, round_
        published = OutgoingEmail.objects.filter(subject__startswith="Reviews published")
        assert published.count() == 2 * (round_ + 1), round_  # one to each side, once
    assert find_drift() == []
