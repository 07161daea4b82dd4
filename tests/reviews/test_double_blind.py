"""Two-way, double-blind reviews: the freelancer reviews the client too, and neither review is
seen by the other side or the public until both are in or the review window closes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from outbox.models import OutgoingEmail
from ratings.scores import PRIOR_MEAN, PRIOR_WEIGHT
from reviews import tasks
from reviews.drift import find_drift
from reviews.exceptions import ReviewRefused
from reviews.models import ClientReputation, Review
from reviews.moderation import hide_review
from reviews.reputation import refresh_client_reputation, refresh_reputation
from reviews.submission import edit_review, respond_to_review, submit_review
from tests.factories import ClientReviewFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

CLIENT_TEXT = "Clear, well-researched and on time."
FREELANCER_TEXT = "A precise brief, quick answers, paid in three days."
API = "/api/v1/reviews/"


@pytest.fixture
def completed(engagement_in):
    return engagement_in("completed")


@pytest.fixture
def client_review(completed, hiring_client):
    """The client's review, first in: pending."""
    return submit_review(engagement=completed, author=hiring_client, rating=4, text=CLIENT_TEXT)


def client_page(client_user) -> str:
    return reverse("clients:detail", args=[client_user.username])


def subjects() -> list[str]:
    return list(OutgoingEmail.objects.order_by("created_at").values_list("subject", flat=True))


class TestBeforeBothAreIn:
    def test_a_lone_review_is_hidden_from_the_other_side_and_the_public(
        self, client, as_user, client_review, freelancer, outsider, staff
    ):
        service_url = client_review.service.get_absolute_url()
        for who in (None, freelancer, outsider, staff):
            page = as_user(who).get(service_url).content.decode()
            assert CLIENT_TEXT not in page and "0 Reviews" in page
            assert as_user(who).get("/freelancers/elena/").content.decode().count(CLIENT_TEXT) == 0
        engagement_page = as_user(freelancer).get(client_review.engagement.get_absolute_url())
        html = engagement_page.content.decode()
        assert CLIENT_TEXT not in html
        assert "Sam Okafor has reviewed you. Write your review to see theirs" in html

    def test_the_author_sees_their_own_pending_review_and_when_it_appears(
        self, as_user, client_review, hiring_client
    ):
        html = as_user(hiring_client).get(client_review.engagement.get_absolute_url())
        html = html.content.decode()
        assert CLIENT_TEXT in html
        deadline = f"{client_review.engagement.completed_at + timedelta(days=30):%-d %B %Y}"
        assert (
            "Only you can see this review: it is hidden from Elena Marsh and the public until "
            f"Elena Marsh reviews you too, or until {deadline}." in html
        )

    def test_the_api_hides_it_from_all_but_its_author(
        self, client_review, hiring_client, freelancer, outsider
    ):
        api = APIClient()
        assert api.get(f"{API}{client_review.pk}/").status_code == 404
        for user in (freelancer, outsider):
            api.force_authenticate(user)
            assert api.get(f"{API}{client_review.pk}/").status_code == 404
            engagement = api.get(f"/api/v1/engagements/{client_review.engagement_id}/")
            if user == freelancer:
                assert engagement.json()["review"] is None
        api.force_authenticate(hiring_client)
        body = api.get(f"{API}{client_review.pk}/").json()
        assert body["published_at"] is None and body["direction"] == "of_freelancer"
        api.force_authenticate(None)
        listed = api.get("/api/v1/services/i-will-write-your-news/reviews/").json()
        assert listed["results"] == []

    def test_the_other_side_is_told_a_review_waits_for_theirs(self, client_review):
        assert subjects() == ["Sam Okafor reviewed you: review them to see theirs"]
        email = OutgoingEmail.objects.get()
        assert email.to == [client_review.subject.email]
        assert CLIENT_TEXT not in email.body  # the email does not give the review away
        assert "double-blind" in email.body

    def test_a_pending_review_cannot_be_answered_or_reported(
        self, as_user, client_review, freelancer, outsider
    ):
        with pytest.raises(ReviewRefused) as refused:
            respond_to_review(review=client_review, author=freelancer, text="Thanks!")
        assert refused.value.code == "pending"
        respond = reverse("reviews:respond", args=[client_review.pk])
        assert as_user(freelancer).get(respond).status_code == 404
        report = reverse("reviews:report", args=[client_review.pk])
        assert as_user(outsider).get(report).status_code == 404


class TestBothIn:
    def test_the_second_review_publishes_both_at_the_same_moment(
        self, as_user, client_review, freelancer, hiring_client, outsider
    ):
        second = submit_review(
            engagement=client_review.engagement, author=freelancer, rating=5, text=FREELANCER_TEXT
        )
        client_review.refresh_from_db()
        assert second.published_at is not None
        assert client_review.published_at == second.published_at
        service_page = as_user(outsider).get(client_review.service.get_absolute_url())
        assert CLIENT_TEXT in service_page.content.decode()
        page = as_user(outsider).get(client_page(hiring_client)).content.decode()
        assert FREELANCER_TEXT in page and "1 Review<" in page
        assert "Freelancer on “I will write your news”" in page

    def test_both_sides_are_told_when_they_are_published(self, client_review, freelancer):
        submit_review(
            engagement=client_review.engagement, author=freelancer, rating=5, text=FREELANCER_TEXT
        )
        published = OutgoingEmail.objects.filter(subject__startswith="Reviews published")
        assert sorted(email.to[0] for email in published) == sorted(
            [client_review.author.email, freelancer.email]
        )

    def test_publishing_refreshes_both_reputations(self, client_review, freelancer, hiring_client):
        submit_review(
            engagement=client_review.engagement, author=freelancer, rating=2, text=FREELANCER_TEXT
        )
        service = client_review.service
        service.refresh_from_db()
        assert (service.review_count, float(service.rating_average)) == (1, 4.0)
        stored = ClientReputation.objects.get(user=hiring_client)
        assert (stored.review_count, float(stored.rating_average)) == (1, 2.0)
        # The damped average, as on services.
        assert stored.rating_score == pytest.approx(
            (PRIOR_WEIGHT * PRIOR_MEAN + 2) / (PRIOR_WEIGHT + 1)
        )
        assert find_drift() == []

    def test_the_reviewed_client_responds_once_to_a_published_review(
        self, as_user, client_review, freelancer, hiring_client
    ):
        review = submit_review(
            engagement=client_review.engagement, author=freelancer, rating=5, text=FREELANCER_TEXT
        )
        url = reverse("reviews:respond", args=[review.pk])
        assert as_user(freelancer).get(url).status_code == 404  # the author does not answer
        response = as_user(hiring_client).post(url, {"text": "Thank you, Elena!"})
        assert response["Location"] == client_page(hiring_client) + "#reviews"
        page = as_user(None).get(client_page(hiring_client)).content.decode()
        assert "Response from the client" in page and "Thank you, Elena!" in page

    def test_hiding_a_review_of_a_client_takes_it_out_of_their_totals(
        self, as_user, hiring_client, staff
    ):
        review = ClientReviewFactory(
            engagement__client=hiring_client, rating=1, text="Rude and never paid, avoid."
        )
        ClientReviewFactory(engagement__client=hiring_client, rating=5)
        refresh_client_reputation(user_ids=[hiring_client.pk])
        hide_review(review=review, moderator=staff, reason="Abusive.")
        stored = ClientReputation.objects.get(user=hiring_client)
        assert (stored.review_count, float(stored.rating_average)) == (1, 5.0)
        page = as_user(None).get(client_page(hiring_client)).content.decode()
        assert review.text not in page and "1 Review<" in page


class TestWindowClose:
    def test_the_periodic_task_publishes_reviews_whose_window_closed(
        self, engagement_in, hiring_client, freelancer
    ):
        old = engagement_in("completed", completed_at=timezone.now() - timedelta(days=29))
        lone = submit_review(engagement=old, author=hiring_client, rating=3, text=CLIENT_TEXT)
        recent = engagement_in("completed")
        waiting = submit_review(
            engagement=recent, author=freelancer, rating=4, text=FREELANCER_TEXT
        )
        Review.objects.filter(pk=lone.pk).update(published_at=None)
        old.completed_at = timezone.now() - timedelta(days=31)
        old.save(update_fields=["completed_at"])

        assert tasks.publish_closed_review_windows() == 1
        lone.refresh_from_db()
        waiting.refresh_from_db()
        assert lone.published_at is not None and waiting.published_at is None
        old.service.refresh_from_db()
        assert old.service.review_count == 1
        assert tasks.publish_closed_review_windows() == 0  # published once
        assert OutgoingEmail.objects.filter(subject__startswith="Reviews published").count() == 2

    def test_the_task_is_scheduled(self, settings):
        schedule = settings.CELERY_BEAT_SCHEDULE["publish-closed-review-windows"]
        assert schedule["task"] == "reviews.tasks.publish_closed_review_windows"

    def test_reading_a_page_publishes_nothing(self, as_user, engagement_in, hiring_client):
        engagement = engagement_in("completed")
        review = submit_review(
            engagement=engagement, author=hiring_client, rating=3, text=CLIENT_TEXT
        )
        engagement.completed_at = timezone.now() - timedelta(days=31)
        engagement.save(update_fields=["completed_at"])
        as_user(hiring_client).get(engagement.get_absolute_url())
        as_user(None).get(engagement.service.get_absolute_url())
        review.refresh_from_db()
        assert review.published_at is None  # only the task publishes


class TestClientPage:
    @pytest.mark.parametrize("who", ["anonymous", "outsider", "client", "owner", "staff"])
    def test_everyone_reads_a_clients_page(self, as_user, cast, hiring_client, who):
        ClientReviewFactory(engagement__client=hiring_client, text="Paid early, clear brief.")
        response = as_user(cast[who]).get(client_page(hiring_client))
        assert response.status_code == 200
        assert "Paid early, clear brief." in response.content.decode()

    def test_an_unknown_or_inactive_account_has_no_page(self, client, hiring_client):
        assert client.get(reverse("clients:detail", args=["nobody"])).status_code == 404
        hiring_client.is_active = False
        hiring_client.save()
        assert client.get(client_page(hiring_client)).status_code == 404

    def test_a_client_without_reviews_says_so(self, client, outsider):
        page = client.get(client_page(outsider)).content.decode()
        assert "0 Reviews" in page and "This client has not received any feedback." in page

    def test_a_freelancer_who_also_hires_has_their_client_reviews_on_a_client_page(
        self, client, freelancer
    ):
        ClientReviewFactory(engagement__client=freelancer, text="Elena briefs like an editor.")
        page = client.get(client_page(freelancer)).content.decode()
        assert "Elena briefs like an editor." in page
        assert "also works as a freelancer" in page
        profile = client.get("/freelancers/elena/").content.decode()
        assert "Elena briefs like an editor." not in profile  # kept apart

    def test_user_text_is_escaped(self, client, hiring_client):
        ClientReviewFactory(engagement__client=hiring_client, text="<script>alert(1)</script> ok")
        page = client.get(client_page(hiring_client)).content.decode()
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page

    def test_the_engagement_and_job_pages_link_the_client_page(
        self, as_user, completed, freelancer, hiring_client
    ):
        html = as_user(freelancer).get(completed.get_absolute_url()).content.decode()
        assert client_page(hiring_client) in html

    @pytest.mark.parametrize("url", ["page", "api"])
    def test_the_page_and_the_api_list_run_a_constant_number_of_queries(
        self, client, hiring_client, url
    ):
        def count_queries() -> int:
            target = (
                client_page(hiring_client)
                if url == "page"
                else f"/api/v1/clients/{hiring_client.username}/reviews/"
            )
            with CaptureQueriesContext(connection) as queries:
                assert client.get(target).status_code == 200
            return len(queries)

        ClientReviewFactory(engagement__client=hiring_client)
        one = count_queries()
        for _ in range(6):
            ClientReviewFactory(engagement__client=hiring_client)
        assert count_queries() == one


class TestTwoDirections:
    def test_one_review_per_direction(self, completed, hiring_client, freelancer):
        submit_review(engagement=completed, author=hiring_client, rating=4, text=CLIENT_TEXT)
        submit_review(engagement=completed, author=freelancer, rating=4, text=FREELANCER_TEXT)
        for author in (hiring_client, freelancer):
            with pytest.raises(ReviewRefused) as refused:
                submit_review(engagement=completed, author=author, rating=1, text=CLIENT_TEXT)
            assert refused.value.code == "duplicate"
        assert Review.objects.count() == 2

    def test_reviews_of_clients_never_count_towards_services_or_profiles(self, service):
        ReviewFactory(service=service, rating=5)
        ClientReviewFactory(engagement__service=service, rating=1)
        refresh_reputation(service_ids=[service.pk])
        service.refresh_from_db()
        service.owner.refresh_from_db()
        assert (service.review_count, service.owner.review_count) == (1, 1)
        assert float(service.rating_average) == 5.0

    def test_an_outsider_cannot_review_either_side(self, completed, outsider):
        other = UserFactory()
        for author in (outsider, other):
            with pytest.raises(ReviewRefused) as refused:
                submit_review(engagement=completed, author=author, rating=5, text=CLIENT_TEXT)
            assert refused.value.code == "not_client"

    def test_the_freelancers_edit_window_applies_too(self, completed, freelancer):
        review = submit_review(
            engagement=completed, author=freelancer, rating=4, text=FREELANCER_TEXT
        )
        Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=15))
        review.refresh_from_db()
        with pytest.raises(ReviewRefused) as refused:
            edit_review(review=review, author=freelancer, rating=1, text=FREELANCER_TEXT)
        assert refused.value.code == "edit_window_closed"


def test_the_about_page_explains_both_directions_and_the_double_blind_rule(client):
    page = client.get(reverse("reviews:about_ratings")).content.decode()
    assert "Reviews go both ways" in page
    assert "Double-blind" in page and "until <strong>both</strong> reviews are in" in page
    assert "30 days after completion" in page


def test_the_dashboard_tells_a_client_about_published_reviews_of_them_only(as_user, hiring_client):
    ClientReviewFactory(engagement__client=hiring_client, published_at=None)
    page = as_user(hiring_client).get(reverse("dashboard:home")).content.decode()
    assert "you as a client" not in page
    review = ClientReviewFactory(engagement__client=hiring_client)
    page = as_user(hiring_client).get(reverse("dashboard:home")).content.decode()
    assert "you as a client" in page and reverse("reviews:respond", args=[review.pk]) in page


@pytest.mark.parametrize("who", ["anonymous", "outsider", "client", "owner", "staff"])
def test_a_review_of_a_client_is_reported_from_its_page(as_user, cast, service, hiring_client, who):
    """As reviews of services: anyone signed in reports it (anonymous: signs in first)."""
    review = ClientReviewFactory(engagement__client=hiring_client, engagement__service=service)
    url = reverse("reviews:report", args=[review.pk])
    response = as_user(cast[who]).post(url, {"reason": "Not about the work."})
    assert response.status_code == 302
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"] and not review.reports.exists()
    else:
        assert response["Location"] == client_page(hiring_client) + "#reviews"
        assert review.reports.filter(reporter=cast[who]).exists()
