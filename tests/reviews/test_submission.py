from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from reviews import submission
from reviews.exceptions import ReviewRefused
from reviews.models import Review, ReviewDirection
from reviews.submission import (
    delete_review,
    edit_review,
    respond_to_review,
    submit_review,
)
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

TEXT = "Clear, well-researched and on time."


@pytest.fixture
def completed(engagement_in):
    return engagement_in("completed")


def refused_code(**kwargs) -> str:
    with pytest.raises(ReviewRefused) as refused:
        submit_review(**kwargs)
    assert not Review.objects.exists()
    return refused.value.code


class TestSubmitting:
    def test_the_client_of_a_completed_engagement_reviews_it(
        self, completed, hiring_client, freelancer
    ):
        review = submit_review(engagement=completed, author=hiring_client, rating=4, text=TEXT)
        assert (review.service, review.author, review.subject, review.engagement) == (
            completed.service,
            hiring_client,
            freelancer,
            completed,
        )
        assert review.direction == ReviewDirection.OF_FREELANCER
        assert review.work_completed_on == completed.completed_at.date()
        # Double-blind: pending, counted nowhere, until the freelancer's review is in.
        assert review.published_at is None
        service = completed.service
        service.refresh_from_db()
        assert service.review_count == 0
        submit_review(engagement=completed, author=freelancer, rating=5, text=TEXT)
        service.refresh_from_db()
        service.owner.refresh_from_db()
        assert (service.review_count, float(service.rating_average)) == (1, 4.0)
        assert service.owner.review_count == 1

    @pytest.mark.parametrize(
        "state", ["requested", "accepted", "declined", "delivered", "cancelled"]
    )
    def test_no_review_before_the_work_is_completed(self, engagement_in, hiring_client, state):
        engagement = engagement_in(state)
        code = refused_code(engagement=engagement, author=hiring_client, rating=5, text=TEXT)
        assert code == "not_completed"

    def test_the_freelancer_reviews_the_client_not_their_own_service(
        self, completed, freelancer, hiring_client
    ):
        review = submit_review(engagement=completed, author=freelancer, rating=3, text=TEXT)
        assert (review.direction, review.service, review.subject) == (
            ReviewDirection.OF_CLIENT,
            None,
            hiring_client,
        )
        assert review.published_at is None
        code = refused_code_after(engagement=completed, author=freelancer, rating=5, text=TEXT)
        assert code == "duplicate"

    @pytest.mark.parametrize("who", ["outsider", "staff"])
    def test_only_the_client_can_review(self, completed, request, who):
        author = request.getfixturevalue(who)
        assert (
            refused_code(engagement=completed, author=author, rating=5, text=TEXT) == "not_client"
        )

    def test_an_anonymous_user_cannot_review(self, completed):
        code = refused_code(engagement=completed, author=AnonymousUser(), rating=5, text=TEXT)
        assert code == "anonymous"

    def test_reviews_close_30_days_after_completion(self, engagement_in, hiring_client):
        late = engagement_in("completed", completed_at=timezone.now() - timedelta(days=30, hours=1))
        with pytest.raises(ReviewRefused, match="Reviews are open for 30 days") as refused:
            submit_review(engagement=late, author=hiring_client, rating=5, text=TEXT)
        assert refused.value.code == "window_closed"
        on_time = engagement_in("completed", completed_at=timezone.now() - timedelta(days=29))
        submit_review(engagement=on_time, author=hiring_client, rating=5, text=TEXT)

    def test_one_review_per_engagement(self, completed, hiring_client):
        submit_review(engagement=completed, author=hiring_client, rating=5, text=TEXT)
        with pytest.raises(ReviewRefused, match="already reviewed"):
            submit_review(engagement=completed, author=hiring_client, rating=1, text=TEXT)
        assert Review.objects.count() == 1

    def test_a_lost_race_for_the_one_review_is_a_refusal_not_an_error(
        self, completed, hiring_client, monkeypatch
    ):
        """The checks pass in both requests; the unique index stops the second insert."""
        submit_review(engagement=completed, author=hiring_client, rating=5, text=TEXT)
        monkeypatch.setattr(submission, "review_refusal", lambda **kwargs: None)
        with pytest.raises(ReviewRefused, match="already reviewed") as refused:
            submit_review(engagement=completed, author=hiring_client, rating=1, text=TEXT)
        assert refused.value.code == "duplicate"
        assert Review.objects.get().rating == 5

    @pytest.mark.parametrize(
        ("rating", "text", "message"),
        [
            (0, TEXT, "greater than or equal to 1"),
            (6, TEXT, "less than or equal to 5"),
            (5, "Too short", "at least 20 characters"),
            (5, "x" * 5_001, "at most 5000 characters"),
            (5, "   padded but short   ", "at least 20 characters"),
        ],
    )
    def test_bad_ratings_and_texts_are_refused(
        self, completed, hiring_client, rating, text, message
    ):
        with pytest.raises(ReviewRefused, match=message):
            submit_review(engagement=completed, author=hiring_client, rating=rating, text=text)
        assert not Review.objects.exists()


def refused_code_after(**kwargs) -> str:
    with pytest.raises(ReviewRefused) as refused:
        submit_review(**kwargs)
    return refused.value.code


class TestEditing:
    @pytest.fixture
    def review(self, completed, hiring_client, freelancer):
        review = submit_review(engagement=completed, author=hiring_client, rating=5, text=TEXT)
        submit_review(engagement=completed, author=freelancer, rating=5, text=TEXT)  # publishes
        review.refresh_from_db()
        return review

    def test_a_pending_review_is_edited_and_stays_pending(self, completed, hiring_client):
        review = submit_review(engagement=completed, author=hiring_client, rating=5, text=TEXT)
        edit_review(review=review, author=hiring_client, rating=3, text=TEXT + " Later.")
        review.refresh_from_db()
        assert (review.rating, review.published_at) == (3, None)
        review.service.refresh_from_db()
        assert review.service.review_count == 0

    def test_the_author_edits_within_14_days_and_the_review_says_so(self, review, hiring_client):
        edited = edit_review(review=review, author=hiring_client, rating=2, text=TEXT + " Later.")
        edited.refresh_from_db()
        assert edited.is_edited and edited.rating == 2
        edited.service.refresh_from_db()
        assert float(edited.service.rating_average) == 2.0

    def test_saving_without_changes_does_not_mark_it_edited(self, review, hiring_client):
        edit_review(review=review, author=hiring_client, rating=5, text=f"  {TEXT} ")
        review.refresh_from_db()
        assert not review.is_edited

    def test_after_14_days_the_review_is_final(self, review, hiring_client):
        Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=15))
        review.refresh_from_db()
        with pytest.raises(ReviewRefused, match="edited for 14 days") as refused:
            edit_review(review=review, author=hiring_client, rating=1, text=TEXT)
        assert refused.value.code == "edit_window_closed"

    @pytest.mark.parametrize("who", ["freelancer", "outsider", "staff"])
    def test_only_the_author_edits_or_deletes(self, review, request, who):
        user = request.getfixturevalue(who)
        with pytest.raises(ReviewRefused, match="Only the author"):
            edit_review(review=review, author=user, rating=1, text=TEXT)
        with pytest.raises(ReviewRefused, match="Only the author"):
            delete_review(review=review, author=user)
        review.refresh_from_db()
        assert review.rating == 5

    def test_a_hidden_review_cannot_be_edited(self, review, hiring_client):
        Review.objects.filter(pk=review.pk).update(is_hidden=True)
        review.refresh_from_db()
        with pytest.raises(ReviewRefused, match="hidden by a moderator"):
            edit_review(review=review, author=hiring_client, rating=1, text=TEXT)

    def test_a_bad_edit_changes_nothing(self, review, hiring_client):
        with pytest.raises(ReviewRefused, match="at least 20"):
            edit_review(review=review, author=hiring_client, rating=1, text="short")
        review.refresh_from_db()
        assert (review.rating, review.text, review.edited_at) == (5, TEXT, None)

    def test_deleting_takes_the_review_out_of_the_counts(self, review, hiring_client):
        delete_review(review=review, author=hiring_client)
        review.service.refresh_from_db()
        assert (review.service.review_count, review.service.rating_average) == (0, None)


class TestResponding:
    @pytest.fixture
    def review(self, service, hiring_client):
        return ReviewFactory(service=service, author=hiring_client)

    def test_the_freelancer_responds_once_and_can_edit_the_response(self, review, freelancer):
        respond_to_review(review=review, author=freelancer, text="Thank you!")
        first_time = review.responded_at
        respond_to_review(review=review, author=freelancer, text="Thank you, Sam!")
        review.refresh_from_db()
        assert review.response == "Thank you, Sam!"
        assert review.responded_at == first_time

    @pytest.mark.parametrize("who", ["hiring_client", "outsider", "staff"])
    def test_only_the_reviewed_freelancer_responds(self, review, request, who):
        with pytest.raises(ReviewRefused, match="Only the person who was reviewed"):
            respond_to_review(review=review, author=request.getfixturevalue(who), text="Hi")
        review.refresh_from_db()
        assert review.response == ""

    @pytest.mark.parametrize("text", ["   ", "x" * 5_001])
    def test_an_empty_or_overlong_response_is_refused(self, review, freelancer, text):
        with pytest.raises(ReviewRefused, match="between 1 and 5000"):
            respond_to_review(review=review, author=freelancer, text=text)

    def test_a_hidden_review_gets_no_response(self, review, freelancer):
        review.is_hidden = True
        with pytest.raises(ReviewRefused, match="hidden"):
            respond_to_review(review=review, author=freelancer, text="Hi")
