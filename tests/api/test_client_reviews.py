"""Two-way, double-blind reviews through the API: the freelancer reviews the client."""

import pytest

from reviews.models import ClientReputation, Review
from tests.factories import ClientReviewFactory
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
REVIEWS = "/api/v1/reviews/"
TEXT = "A precise brief, quick answers, paid in three days."
CLIENT_TEXT = "Clear, well-sourced and a day early."


@pytest.fixture
def completed(engagement_in):
    return engagement_in("completed")


def client_reviews_url(user) -> str:
    return f"/api/v1/clients/{user.username}/reviews/"


class TestTheFreelancerReviewsTheClient:
    @pytest.mark.parametrize(
        ("who", "status", "code"),
        [
            ("anonymous", 401, "not_authenticated"),
            ("staff", 404, "not_found"),
            ("outsider", 404, "not_found"),
        ],
    )
    def test_only_the_two_sides_review(self, as_user, cast, completed, who, status, code):
        response = as_user(cast[who]).post(
            REVIEWS, {"engagement": completed.pk, "rating": 5, "text": TEXT}
        )
        assert response.status_code == status
        assert error_of(response)["code"] == code
        assert not Review.objects.exists()

    def test_a_first_review_is_pending_and_only_its_author_reads_it(
        self, as_user, completed, freelancer, hiring_client
    ):
        response = as_user(freelancer).post(
            REVIEWS, {"engagement": completed.pk, "rating": 4, "text": TEXT}
        )
        assert response.status_code == 201
        body = response.json()
        assert body["direction"] == "of_client" and body["service"] is None
        assert body["published_at"] is None and body["subject_name"] == "Sam O."
        assert as_user(freelancer).get(f"{REVIEWS}{body['id']}/").status_code == 200
        assert as_user(hiring_client).get(f"{REVIEWS}{body['id']}/").status_code == 404
        assert as_user(None).get(client_reviews_url(hiring_client)).json()["results"] == []
        engagement = as_user(hiring_client).get(f"/api/v1/engagements/{completed.pk}/").json()
        assert engagement["review_of_client"] is None and engagement["can_review"] is True

    def test_the_second_review_publishes_both(self, as_user, completed, freelancer, hiring_client):
        as_user(freelancer).post(REVIEWS, {"engagement": completed.pk, "rating": 4, "text": TEXT})
        response = as_user(hiring_client).post(
            REVIEWS, {"engagement": completed.pk, "rating": 5, "text": CLIENT_TEXT}
        )
        assert response.json()["published_at"] is not None
        (item,) = as_user(None).get(client_reviews_url(hiring_client)).json()["results"]
        assert (item["text"], item["rating"], item["author_name"]) == (TEXT, 4, "Elena Marsh")
        assert item["published_at"] == response.json()["published_at"]
        assert ClientReputation.objects.get(user=hiring_client).review_count == 1

    def test_the_author_edits_their_review_of_the_client(self, as_user, completed, freelancer):
        created = as_user(freelancer).post(
            REVIEWS, {"engagement": completed.pk, "rating": 4, "text": TEXT}
        )
        url = f"{REVIEWS}{created.json()['id']}/"
        response = as_user(freelancer).patch(url, {"rating": 2})
        assert response.status_code == 200
        assert response.json()["rating"] == 2 and response.json()["is_edited"] is True

    @pytest.mark.parametrize(
        ("who", "status"),
        [("anonymous", 401), ("owner", 403), ("outsider", 403), ("staff", 403), ("client", 200)],
    )
    def test_only_the_reviewed_client_answers(self, as_user, cast, hiring_client, who, status):
        review = ClientReviewFactory(engagement__client=hiring_client)
        response = as_user(cast[who]).put(f"{REVIEWS}{review.pk}/response/", {"text": "Thanks!"})
        assert response.status_code == status
        review.refresh_from_db()
        assert (review.response == "Thanks!") is (status == 200)

    def test_an_idempotency_key_replays_the_first_answer(self, as_user, completed, freelancer):
        api = as_user(freelancer)
        body = {"engagement": completed.pk, "rating": 4, "text": TEXT}
        first = api.post(REVIEWS, body, format="json", HTTP_IDEMPOTENCY_KEY="review-1")
        again = api.post(REVIEWS, body, format="json", HTTP_IDEMPOTENCY_KEY="review-1")
        assert first.status_code == again.status_code == 201
        assert again.content == first.content and again["Idempotent-Replayed"] == "true"
        assert Review.objects.count() == 1


class TestAClientsReviews:
    @pytest.mark.parametrize("who", ["anonymous", "outsider", "client", "owner", "staff"])
    def test_everyone_reads_published_reviews_only(self, as_user, cast, hiring_client, who):
        shown = ClientReviewFactory(engagement__client=hiring_client, text="Paid early, thanks.")
        ClientReviewFactory(
            engagement__client=hiring_client, published_at=None, text="Still waiting here."
        )
        ClientReviewFactory(
            engagement__client=hiring_client, is_hidden=True, text="Hidden by a moderator."
        )
        (item,) = as_user(cast[who]).get(client_reviews_url(hiring_client)).json()["results"]
        assert item["id"] == shown.pk and item["direction"] == "of_client"

    def test_an_unknown_client_is_a_404(self, api):
        response = api.get("/api/v1/clients/nobody/reviews/")
        assert response.status_code == 404

    def test_reviews_of_clients_stay_out_of_the_freelancers_lists(
        self, api, service, hiring_client
    ):
        ClientReviewFactory(engagement__client=hiring_client, engagement__service=service)
        assert api.get("/api/v1/services/i-will-write-your-news/reviews/").json()["results"] == []
        assert api.get("/api/v1/profiles/elena/reviews/").json()["results"] == []


def test_the_schema_states_the_double_blind_rule(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    create = schema["paths"]["/api/v1/reviews/"]["post"]
    assert "double-blind" in create["description"]
    assert "freelancer reviews the client" in create["description"]
    listing = schema["paths"]["/api/v1/clients/{username}/reviews/"]["get"]
    assert listing["operationId"] == "clients_reviews_list"
    review = schema["components"]["schemas"]["Review"]["properties"]
    assert review["published_at"]["nullable"] is True
    assert "of_client" in str(schema["components"]["schemas"]) and "direction" in review
