"""Reviews through the API: the same rules that make a review "verified" on the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Review, ReviewReport
from reviews.reputation import refresh_reputation
from tests.factories import ReviewFactory, ReviewReportFactory
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
REVIEWS = "/api/v1/reviews/"
TEXT = "Clear, well-sourced and a day early."


@pytest.fixture
def review(service, hiring_client):
    review = ReviewFactory(service=service, author=hiring_client, rating=4, text=TEXT)
    refresh_reputation(service_ids=[service.pk])  # as submitting it would have
    return review


def review_count(service) -> int:
    service.refresh_from_db()
    return service.review_count


class TestLists:
    def test_a_service_and_its_freelancer_list_visible_reviews(self, api, service, review):
        ReviewFactory(service=service, is_hidden=True)
        for url in (
            "/api/v1/services/i-will-write-your-news/reviews/",
            "/api/v1/profiles/elena/reviews/",
        ):
            (item,) = api.get(url).json()["results"]
            assert item["id"] == review.pk
            assert item["author_name"] == "Sam O."
            assert item["rating"] == 4

    def test_a_draft_services_reviews_are_as_hidden_as_the_service(self, api, service, review):
        service.status = "draft"
        service.save()
        assert api.get("/api/v1/services/i-will-write-your-news/reviews/").status_code == 404

    def test_a_hidden_review_is_gone_for_all_but_its_author(
        self, as_user, hiring_client, outsider, review
    ):
        Review.objects.filter(pk=review.pk).update(is_hidden=True)
        assert as_user(outsider).get(f"{REVIEWS}{review.pk}/").status_code == 404
        assert as_user(hiring_client).get(f"{REVIEWS}{review.pk}/").status_code == 200


class TestCreate:
    def test_the_client_reviews_a_completed_engagement(
        self, as_user, hiring_client, freelancer, service, engagement_in
    ):
        engagement = engagement_in("completed")
        response = as_user(hiring_client).post(
            REVIEWS, {"engagement": engagement.pk, "rating": 5, "text": TEXT}
        )
        assert response.status_code == 201
        assert response.json()["rating"] == 5
        assert review_count(service) == 0  # double-blind: waits for the freelancer's review
        as_user(freelancer).post(REVIEWS, {"engagement": engagement.pk, "rating": 4, "text": TEXT})
        assert review_count(service) == 1

    @pytest.mark.parametrize(
        ("who", "status", "code"),
        [
            ("anonymous", 401, "not_authenticated"),
            ("staff", 404, "not_found"),
            ("outsider", 404, "not_found"),
        ],
    )
    def test_only_the_client_reviews(
        self, as_user, cast, service, engagement_in, who, status, code
    ):
        engagement = engagement_in("completed")
        response = as_user(cast[who]).post(
            REVIEWS, {"engagement": engagement.pk, "rating": 5, "text": TEXT}
        )
        assert response.status_code == status
        assert error_of(response)["code"] == code
        assert review_count(service) == 0

    def test_work_not_yet_completed_cannot_be_reviewed(self, as_user, hiring_client, engagement_in):
        engagement = engagement_in("delivered")
        response = as_user(hiring_client).post(
            REVIEWS, {"engagement": engagement.pk, "rating": 5, "text": TEXT}
        )
        assert response.status_code == 409
        assert error_of(response)["code"] == "not_completed"

    def test_one_engagement_gets_one_review(self, as_user, hiring_client, review):
        response = as_user(hiring_client).post(
            REVIEWS, {"engagement": review.engagement_id, "rating": 1, "text": TEXT}
        )
        assert response.status_code == 409
        assert error_of(response)["code"] == "duplicate"

    def test_reviews_close_thirty_days_after_completion(
        self, as_user, hiring_client, engagement_in
    ):
        engagement = engagement_in("completed", completed_at=timezone.now() - timedelta(days=31))
        response = as_user(hiring_client).post(
            REVIEWS, {"engagement": engagement.pk, "rating": 5, "text": TEXT}
        )
        assert response.status_code == 409
        assert error_of(response)["code"] == "window_closed"

    @pytest.mark.parametrize(
        ("change", "field"),
        [({"rating": 6}, "rating"), ({"rating": 0}, "rating"), ({"text": "Too short"}, "text")],
    )
    def test_it_applies_the_review_forms_rules(
        self, as_user, hiring_client, engagement_in, change, field
    ):
        engagement = engagement_in("completed")
        response = as_user(hiring_client).post(
            REVIEWS, {"engagement": engagement.pk, "rating": 5, "text": TEXT, **change}
        )
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == [field]


CHANGERS = [("anonymous", 401), ("owner", 403), ("outsider", 403), ("staff", 403)]


class TestAuthorChanges:
    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("client", 200)])
    def test_only_the_author_edits(self, as_user, cast, service, review, who, status):
        response = as_user(cast[who]).patch(f"{REVIEWS}{review.pk}/", {"rating": 2})
        assert response.status_code == status
        review.refresh_from_db()
        assert review.rating == (2 if status == 200 else 4)
        if status == 200:
            body = response.json()
            assert body["is_edited"] is True
            assert body["text"] == TEXT  # kept: only the rating was sent
            service.refresh_from_db()
            assert service.rating_average == 2

    def test_the_edit_window_closes(self, as_user, hiring_client, review):
        Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=15))
        response = as_user(hiring_client).patch(f"{REVIEWS}{review.pk}/", {"rating": 1})
        assert response.status_code == 409
        assert error_of(response)["code"] == "edit_window_closed"

    def test_an_edit_keeps_the_review_forms_rules(self, as_user, hiring_client, review):
        response = as_user(hiring_client).patch(f"{REVIEWS}{review.pk}/", {"text": "Meh."})
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == ["text"]

    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("client", 204)])
    def test_only_the_author_deletes(self, as_user, cast, service, review, who, status):
        response = as_user(cast[who]).delete(f"{REVIEWS}{review.pk}/")
        assert response.status_code == status
        assert Review.objects.filter(pk=review.pk).exists() is (status != 204)
        assert review_count(service) == (0 if status == 204 else 1)


class TestResponseAndReports:
    @pytest.mark.parametrize(
        ("who", "status"),
        [("anonymous", 401), ("client", 403), ("outsider", 403), ("staff", 403), ("owner", 200)],
    )
    def test_only_the_reviewed_freelancer_answers(self, as_user, cast, review, who, status):
        response = as_user(cast[who]).put(f"{REVIEWS}{review.pk}/response/", {"text": "Thank you!"})
        assert response.status_code == status
        review.refresh_from_db()
        assert (review.response == "Thank you!") is (status == 200)

    def test_answering_again_replaces_the_answer(self, as_user, freelancer, review):
        api = as_user(freelancer)
        api.put(f"{REVIEWS}{review.pk}/response/", {"text": "Thanks."})
        body = api.put(f"{REVIEWS}{review.pk}/response/", {"text": "Thank you!"}).json()
        assert body["response"] == "Thank you!"

    def test_an_answer_has_words(self, as_user, freelancer, review):
        response = as_user(freelancer).put(f"{REVIEWS}{review.pk}/response/", {"text": " "})
        assert response.status_code == 400
        review.refresh_from_db()
        assert (review.response, review.responded_at) == ("", None)

    @pytest.mark.parametrize(
        ("who", "status"),
        [("anonymous", 401), ("outsider", 201), ("owner", 201), ("staff", 201)],
    )
    def test_anyone_signed_in_reports_a_review(self, as_user, cast, review, who, status):
        response = as_user(cast[who]).post(
            f"{REVIEWS}{review.pk}/reports/", {"reason": "Not about the work."}
        )
        assert response.status_code == status
        assert ReviewReport.objects.filter(review=review).count() == (status == 201)

    def test_reporting_twice_is_a_conflict(self, as_user, outsider, review):
        ReviewReportFactory(review=review, reporter=outsider)
        response = as_user(outsider).post(f"{REVIEWS}{review.pk}/reports/", {"reason": "Again."})
        assert response.status_code == 409
        assert error_of(response)["code"] == "duplicate"

    def test_a_report_says_why(self, as_user, outsider, review):
        response = as_user(outsider).post(f"{REVIEWS}{review.pk}/reports/", {"reason": ""})
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == ["reason"]
