from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reviews import reputation
from reviews.models import Review, ReviewReport
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

TEXT = "Clear, well-researched and on time."
WHO = ["anonymous", "outsider", "client", "freelancer", "staff"]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def user_for(request):
    def pick(who):
        return (
            None
            if who == "anonymous"
            else request.getfixturevalue({"client": "hiring_client"}.get(who, who))
        )

    return pick


@pytest.fixture
def completed(engagement_in):
    return engagement_in("completed")


@pytest.fixture
def review(service, hiring_client):
    review = ReviewFactory(service=service, author=hiring_client, rating=4, text=TEXT)
    reputation.refresh_reputation(service_ids=[service.pk])
    return review


class TestAccessMatrix:
    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 200),
            ("freelancer", 200),
            ("staff", 404),
        ],
    )
    def test_the_review_form(self, as_user, user_for, completed, who, status):
        url = reverse("reviews:create", args=[completed.pk])
        response = as_user(user_for(who)).get(url)
        assert response.status_code == status
        if who == "freelancer":  # the freelancer reviews the client, with the client's prompts
            assert "Review Sam Okafor as a client" in response.content.decode()
            assert "How clear was the brief?" in response.content.decode()

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 302),
            ("freelancer", 302),
            ("staff", 404),
        ],
    )
    def test_submitting_a_review(self, as_user, user_for, completed, who, status):
        url = reverse("reviews:create", args=[completed.pk])
        response = as_user(user_for(who)).post(url, {"rating": "5", "text": TEXT})
        assert response.status_code == status
        assert Review.objects.count() == (1 if who in ("client", "freelancer") else 0)

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 302),
            ("freelancer", 404),
            ("staff", 404),
        ],
    )
    def test_editing_a_review(self, as_user, user_for, review, who, status):
        url = reverse("reviews:edit", args=[review.pk])
        response = as_user(user_for(who)).post(url, {"rating": "1", "text": TEXT + " Edited."})
        assert response.status_code == status
        review.refresh_from_db()
        assert review.rating == (1 if who == "client" else 4)

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 302),
            ("freelancer", 404),
            ("staff", 404),
        ],
    )
    def test_deleting_a_review(self, as_user, user_for, review, who, status):
        response = as_user(user_for(who)).post(reverse("reviews:delete", args=[review.pk]))
        assert response.status_code == status
        assert Review.objects.filter(pk=review.pk).exists() == (who != "client")

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 404),
            ("freelancer", 302),
            ("staff", 404),
        ],
    )
    def test_responding_to_a_review(self, as_user, user_for, review, who, status):
        url = reverse("reviews:respond", args=[review.pk])
        response = as_user(user_for(who)).post(url, {"text": "Thank you!"})
        assert response.status_code == status
        review.refresh_from_db()
        assert review.response == ("Thank you!" if who == "freelancer" else "")

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 302),
            ("client", 302),
            ("freelancer", 302),
            ("staff", 302),
        ],
    )
    def test_reporting_a_review(self, as_user, user_for, review, who, status):
        url = reverse("reviews:report", args=[review.pk])
        response = as_user(user_for(who)).post(url, {"reason": "Not about this work"})
        assert response.status_code == status
        assert ReviewReport.objects.count() == (0 if who == "anonymous" else 1)

    @pytest.mark.parametrize("who", WHO)
    def test_the_about_ratings_page_is_public(self, as_user, user_for, who):
        assert as_user(user_for(who)).get(reverse("reviews:about_ratings")).status_code == 200

    @pytest.mark.parametrize("name", ["edit", "delete", "respond", "report"])
    def test_review_changes_need_the_csrf_token(self, hiring_client, freelancer, review, name):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(freelancer if name == "respond" else hiring_client)
        response = browser.post(
            reverse(f"reviews:{name}", args=[review.pk]),
            {"rating": "1", "text": TEXT, "reason": "Spam"},
        )
        assert response.status_code == 403
        assert Review.objects.filter(pk=review.pk, rating=4, response="").exists()

    def test_a_hidden_review_cannot_be_reported_or_answered(
        self, as_user, review, outsider, freelancer
    ):
        Review.objects.filter(pk=review.pk).update(is_hidden=True)
        assert as_user(outsider).get(reverse("reviews:report", args=[review.pk])).status_code == 404
        assert (
            as_user(freelancer).get(reverse("reviews:respond", args=[review.pk])).status_code == 404
        )


class TestReviewForm:
    def test_a_first_review_waits_and_the_second_publishes_both(
        self, as_user, completed, hiring_client, freelancer
    ):
        response = as_user(hiring_client).post(
            reverse("reviews:create", args=[completed.pk]), {"rating": "5", "text": TEXT}
        )
        assert response["Location"] == completed.get_absolute_url()
        deadline = f"{completed.completed_at + timedelta(days=30):%-d %B %Y}"
        assert messages_of(response) == [
            "Thank you: your review is saved. It stays hidden until Elena Marsh reviews you "
            f"too, or until {deadline}; then both reviews are published together."
        ]
        response = as_user(freelancer).post(
            reverse("reviews:create", args=[completed.pk]), {"rating": "4", "text": TEXT}
        )
        client_url = reverse("clients:detail", args=[hiring_client.username])
        assert response["Location"] == client_url + "#reviews"
        assert messages_of(response) == ["Thank you: both reviews are now published."]

    @pytest.mark.parametrize(
        ("data", "error"),
        [
            ({"rating": "5", "text": "Too short"}, "at least 20 characters"),
            ({"rating": "9", "text": TEXT}, "Select a valid choice"),
            ({"rating": "", "text": TEXT}, "This field is required"),
            ({"rating": "5", "text": "x" * 5_001}, "at most 5000 characters"),
        ],
    )
    def test_bad_input_shows_the_error_keeps_the_text_and_stores_nothing(
        self, as_user, completed, hiring_client, data, error
    ):
        response = as_user(hiring_client).post(reverse("reviews:create", args=[completed.pk]), data)
        assert response.status_code == 400
        page = response.content.decode()
        assert error in page and data["text"][:50] in page
        assert not Review.objects.exists()

    def test_an_unfinished_engagement_cannot_be_reviewed(
        self, as_user, engagement_in, hiring_client
    ):
        delivered = engagement_in("delivered")
        response = as_user(hiring_client).post(
            reverse("reviews:create", args=[delivered.pk]), {"rating": "5", "text": TEXT}
        )
        assert response["Location"] == delivered.get_absolute_url()
        assert messages_of(response) == [
            "You can review this work once the engagement is completed."
        ]
        assert not Review.objects.exists()

    def test_a_second_review_is_refused_with_a_message(self, as_user, review, hiring_client):
        url = reverse("reviews:create", args=[review.engagement_id])
        response = as_user(hiring_client).post(url, {"rating": "1", "text": TEXT})
        assert messages_of(response) == ["You have already reviewed this work."]
        assert Review.objects.count() == 1

    def test_the_edit_form_starts_from_the_review_and_marks_it_edited(
        self, as_user, review, hiring_client
    ):
        browser = as_user(hiring_client)
        url = reverse("reviews:edit", args=[review.pk])
        assert TEXT in browser.get(url).content.decode()
        browser.post(url, {"rating": "3", "text": TEXT + " Update: all fixed."})
        page = browser.get(review.service.get_absolute_url()).content.decode()
        assert "Update: all fixed." in page and "Edited" in page

    def test_after_14_days_the_edit_link_explains_why_not(self, as_user, review, hiring_client):
        Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=15))
        response = as_user(hiring_client).get(reverse("reviews:edit", args=[review.pk]))
        assert response["Location"] == review.engagement.get_absolute_url()
        # The same sentence as the API's refusal: one rule, one message.
        assert messages_of(response) == [
            "Reviews can be edited for 14 days after posting; this one can no longer be changed."
        ]


class TestEngagementPageReviewEntry:
    def test_the_client_of_a_completed_engagement_is_invited_to_review(
        self, as_user, completed, hiring_client
    ):
        page = as_user(hiring_client).get(completed.get_absolute_url()).content.decode()
        assert "Leave a review" in page
        assert reverse("reviews:create", args=[completed.pk]) in page

    def test_the_freelancer_is_invited_to_review_the_client(self, as_user, completed, freelancer):
        page = as_user(freelancer).get(completed.get_absolute_url()).content.decode()
        assert "Leave a review" in page and "You can review this client until" in page
        assert "No review yet." in page  # nothing from the client yet

    def test_after_30_days_the_client_is_told_the_window_closed(
        self, as_user, engagement_in, hiring_client
    ):
        old = engagement_in("completed", completed_at=timezone.now() - timedelta(days=31))
        page = as_user(hiring_client).get(old.get_absolute_url()).content.decode()
        assert "Leave a review" not in page and "The review window for this work closed" in page

    def test_the_freelancer_is_offered_to_respond(self, as_user, review, freelancer):
        page = as_user(freelancer).get(review.engagement.get_absolute_url()).content.decode()
        assert reverse("reviews:respond", args=[review.pk]) in page and TEXT in page


class TestServicePage:
    def test_a_review_turns_zero_into_one_and_removes_the_empty_state(
        self, as_user, completed, hiring_client, freelancer
    ):
        browser = as_user(hiring_client)
        page = browser.get(completed.service.get_absolute_url()).content.decode()
        assert "0 Reviews" in page and "This freelancer has not received any feedback." in page
        browser.post(reverse("reviews:create", args=[completed.pk]), {"rating": "5", "text": TEXT})
        page = browser.get(completed.service.get_absolute_url()).content.decode()
        assert "0 Reviews" in page and TEXT not in page  # double-blind: not yet
        as_user(freelancer).post(
            reverse("reviews:create", args=[completed.pk]), {"rating": "4", "text": TEXT + "!"}
        )
        page = browser.get(completed.service.get_absolute_url()).content.decode()
        assert "1 Review<" in page and "not received any feedback" not in page
        assert TEXT in page

    def test_a_review_shows_its_verified_hire_month_response_and_report_link(
        self, as_user, review, outsider
    ):
        review.response = "Thanks for the kind words."
        review.save()
        page = as_user(outsider).get(review.service.get_absolute_url()).content.decode()
        assert f"Verified hire · {review.work_completed_on:%B %Y}" in page
        assert "Response from the freelancer" in page and "Thanks for the kind words." in page
        assert reverse("reviews:report", args=[review.pk]) in page
        assert "Edited" not in page

    def test_the_author_gets_no_report_link(self, as_user, review, hiring_client):
        page = as_user(hiring_client).get(review.service.get_absolute_url()).content.decode()
        assert reverse("reviews:report", args=[review.pk]) not in page

    def test_a_hidden_review_disappears_from_the_page_and_the_counts(
        self, as_user, review, staff, outsider
    ):
        from reviews.moderation import hide_review

        hide_review(review=review, moderator=staff, reason="Spam")
        page = as_user(outsider).get(review.service.get_absolute_url()).content.decode()
        assert TEXT not in page
        assert "0 Reviews" in page and "This freelancer has not received any feedback." in page

    def test_a_script_in_a_review_or_response_shows_as_text(self, as_user, service, outsider):
        ReviewFactory(
            service=service,
            text="<script>alert('review')</script> and more words",
            response="<script>alert('response')</script>",
        )
        page = as_user(outsider).get(service.get_absolute_url()).content.decode()
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(&#x27;review&#x27;)&lt;/script&gt;" in page
        assert "&lt;script&gt;alert(&#x27;response&#x27;)&lt;/script&gt;" in page

    def test_the_query_bound_is_the_same_with_0_1_and_100_reviews(self, as_user, service, outsider):
        """Measured for a signed-in visitor, who also gets the quote box and report links.

        With no review the paginator has no page of rows to fetch, so that page may run one
        query fewer; from one review on, the count is exactly the same.
        """
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        browser = as_user(outsider)

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert browser.get(service.get_absolute_url()).status_code == 200
            return len(captured.captured_queries)

        counts = [queries()]
        ReviewFactory(service=service, response="Thanks!")
        reputation.refresh_reputation(service_ids=[service.pk])
        counts.append(queries())
        ReviewFactory.create_batch(
            99, service=service, response="Thanks!", edited_at=timezone.now()
        )
        reputation.refresh_reputation(service_ids=[service.pk])
        counts.append(queries())
        assert counts[0] <= counts[1] == counts[2], counts
        assert counts[1] - counts[0] <= 1, counts


def test_the_about_ratings_page_renders_the_formula_from_the_module(client, monkeypatch):
    page = client.get(reverse("reviews:about_ratings")).content.decode()
    assert "score = (5 × 3.5 + sum of all ratings) ÷ (5 + number of reviews)" in page
    # One 5-star review scores below a hundred at 4.9, as the page promises.
    assert f"{reputation.damped_average(5, 1):.2f}" in page
    assert f"{reputation.damped_average(490, 100):.2f}" in page
    monkeypatch.setattr(reputation, "PRIOR_WEIGHT", 10)
    page = client.get(reverse("reviews:about_ratings")).content.decode()
    assert "score = (10 × 3.5 + sum of all ratings)" in page


def test_a_hidden_review_shows_on_the_engagement_page_only_as_a_note(
    as_user, review, staff, hiring_client, freelancer
):
    from reviews.moderation import hide_review

    hide_review(review=review, moderator=staff, reason="Personal data")
    url = review.engagement.get_absolute_url()
    client_page = as_user(hiring_client).get(url).content.decode()
    assert "hidden by a moderator: Personal data" in client_page and TEXT not in client_page
    freelancer_page = as_user(freelancer).get(url).content.decode()
    assert "hidden by a moderator" in freelancer_page
    assert "Personal data" not in freelancer_page and TEXT not in freelancer_page
