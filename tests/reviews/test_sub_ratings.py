"""Sub-ratings for writing work: asked on the review form (required in Writing & Translation),
stored per service and per freelancer, shown as a breakdown, filterable, and in JSON-LD."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from profiles.models import Profile
from ratings.aspects import ASPECTS, WRITING_CATEGORY_SLUG
from reviews import moderation, submission
from reviews.drift import find_drift, fix_drift
from reviews.models import Review
from reviews.reputation import refresh_reputation
from services.models import Category, Service
from tests.factories import ReviewFactory, ServiceFactory
from tests.support.pages import json_ld

pytestmark = pytest.mark.django_db

TEXT = "Clear, well-sourced and a day early."
ALL_FIVES = {aspect.rating_field: "5" for aspect in ASPECTS}


@pytest.fixture
def writing(service):
    """The cast's service, in the Writing & Translation tree (its parent category's slug)."""
    Category.objects.filter(pk=service.category.parent_id).update(slug=WRITING_CATEGORY_SLUG)
    return service


@pytest.fixture
def api_as():
    """An API client, signed in as `user` (anonymous with None)."""

    def sign_in(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return sign_in


@pytest.fixture
def completed(engagement_in):
    return engagement_in("completed")


def review_with(service, rating: int = 5, **sub_ratings: int) -> Review:
    """A visible review of `service` rating the aspects given by key (e.g. deadlines=4)."""
    columns = {f"{key}_rating": stars for key, stars in sub_ratings.items()}
    return ReviewFactory(service=service, rating=rating, **columns)


def stored(obj, key: str) -> tuple[Decimal | None, int]:
    obj.refresh_from_db()
    return getattr(obj, f"{key}_average"), getattr(obj, f"{key}_count")


class TestTheReviewForm:
    def test_a_writing_review_rates_every_aspect(self, as_user, hiring_client, writing, completed):
        url = reverse("reviews:create", args=[completed.pk])
        response = as_user(hiring_client).get(url)
        for aspect in ASPECTS:
            assert aspect.label in response.content.decode()
        response = as_user(hiring_client).post(
            url, {"rating": "5", "text": TEXT, **ALL_FIVES, "deadlines_rating": "3"}
        )
        assert response.status_code == 302
        review = Review.objects.get()
        assert (review.accuracy_rating, review.deadlines_rating) == (5, 3)

    def test_a_writing_review_without_sub_ratings_shows_errors_and_keeps_the_input(
        self, as_user, hiring_client, writing, completed
    ):
        url = reverse("reviews:create", args=[completed.pk])
        response = as_user(hiring_client).post(
            url, {"rating": "4", "text": TEXT, "accuracy_rating": "5"}
        )
        assert response.status_code == 400
        form = response.context["form"]
        assert set(form.errors) == {"brief_rating", "voice_rating", "deadlines_rating"}
        html = response.content.decode()
        assert TEXT in html
        assert re.search(
            r'value="5"[^>]*name="accuracy_rating"[^>]*checked|'
            r'name="accuracy_rating" value="5"[^>]*checked',
            html,
        )
        assert 'id="id_brief_rating_error"' in html
        assert not Review.objects.exists()

    @pytest.mark.parametrize("stars", ["0", "6", "five", "4.5"])
    def test_a_sub_rating_outside_1_to_5_is_refused(
        self, as_user, hiring_client, writing, completed, stars
    ):
        url = reverse("reviews:create", args=[completed.pk])
        data = {"rating": "5", "text": TEXT, **ALL_FIVES, "voice_rating": stars}
        response = as_user(hiring_client).post(url, data)
        assert response.status_code == 400
        assert set(response.context["form"].errors) == {"voice_rating"}

    def test_outside_writing_the_sub_ratings_are_optional(
        self, as_user, hiring_client, service, completed
    ):
        url = reverse("reviews:create", args=[completed.pk])
        assert "Not rated" in as_user(hiring_client).get(url).content.decode()
        response = as_user(hiring_client).post(
            url, {"rating": "5", "text": TEXT, "deadlines_rating": "4", "voice_rating": ""}
        )
        assert response.status_code == 302
        review = Review.objects.get()
        assert (review.deadlines_rating, review.voice_rating, review.accuracy_rating) == (
            4,
            None,
            None,
        )

    def test_editing_shows_and_changes_the_sub_ratings(self, as_user, hiring_client, writing):
        review = review_with(writing, accuracy=4, brief=4, voice=4, deadlines=4)
        Review.objects.filter(pk=review.pk).update(author=hiring_client)
        url = reverse("reviews:edit", args=[review.pk])
        html = as_user(hiring_client).get(url).content.decode()
        assert re.search(r'name="deadlines_rating" value="4"[^>]*checked', html)
        data = {"rating": "5", "text": review.text, **ALL_FIVES, "deadlines_rating": "2"}
        assert as_user(hiring_client).post(url, data).status_code == 302
        review.refresh_from_db()
        assert (review.deadlines_rating, review.accuracy_rating, review.is_edited) == (2, 5, True)
        assert stored(writing, "deadlines") == (Decimal("2.00"), 1)

    def test_a_review_written_before_the_aspects_existed_is_edited_without_them(
        self, as_user, hiring_client, writing
    ):
        review = review_with(writing, rating=4)
        Review.objects.filter(pk=review.pk).update(author=hiring_client)
        url = reverse("reviews:edit", args=[review.pk])
        assert "Not rated" in as_user(hiring_client).get(url).content.decode()
        response = as_user(hiring_client).post(url, {"rating": "5", "text": review.text})
        assert response.status_code == 302
        review.refresh_from_db()
        assert (review.rating, review.sub_ratings) == (5, [])


class TestTheAPI:
    def test_a_writing_review_through_the_api(self, api_as, hiring_client, writing, completed):
        body = {"engagement": completed.pk, "rating": 5, "text": TEXT}
        response = api_as(hiring_client).post("/api/v1/reviews/", body)
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert set(errors) == {aspect.rating_field for aspect in ASPECTS}
        sub_ratings = {aspect.rating_field: 4 for aspect in ASPECTS}
        response = api_as(hiring_client).post("/api/v1/reviews/", {**body, **sub_ratings})
        assert response.status_code == 201
        assert response.json()["deadlines_rating"] == 4
        # Double-blind: the freelancer's review of the client publishes both; it rates no
        # writing aspect.
        freelancer = api_as(writing.owner.user)
        refused = freelancer.post("/api/v1/reviews/", {**body, **sub_ratings})
        assert refused.status_code == 400
        assert set(refused.json()["errors"]) == set(sub_ratings)
        assert freelancer.post("/api/v1/reviews/", body).status_code == 201
        service = api_as(None).get(f"/api/v1/services/{writing.slug}/").json()
        assert service["sub_ratings"]["deadlines"] == {
            "label": "Meeting deadlines",
            "average": "4.00",
            "count": 1,
        }
        profile = api_as(None).get(f"/api/v1/profiles/{writing.owner.slug}/").json()
        assert profile["sub_ratings"]["accuracy"]["count"] == 1

    @pytest.mark.parametrize("stars", [0, 6, "5", 4.5, True])
    def test_a_bad_sub_rating_is_a_400_naming_the_field(
        self, api_as, hiring_client, service, completed, stars
    ):
        body = {"engagement": completed.pk, "rating": 5, "text": TEXT, "brief_rating": stars}
        response = api_as(hiring_client).post("/api/v1/reviews/", body)
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"brief_rating"}

    def test_outside_writing_null_means_not_rated(self, api_as, hiring_client, service, completed):
        body = {"engagement": completed.pk, "rating": 5, "text": TEXT, "voice_rating": None}
        response = api_as(hiring_client).post("/api/v1/reviews/", {**body, "brief_rating": 3})
        assert response.status_code == 201
        assert (response.json()["voice_rating"], response.json()["brief_rating"]) == (None, 3)

    def test_a_patch_changes_one_aspect_and_keeps_the_others(self, api_as, hiring_client, writing):
        review = review_with(writing, accuracy=4, brief=4, voice=4, deadlines=4)
        Review.objects.filter(pk=review.pk).update(author=hiring_client)
        response = api_as(hiring_client).patch(
            f"/api/v1/reviews/{review.pk}/", {"deadlines_rating": 5}
        )
        assert response.status_code == 200, response.json()
        assert (response.json()["deadlines_rating"], response.json()["voice_rating"]) == (5, 4)
        assert stored(writing, "deadlines") == (Decimal("5.00"), 1)

    def test_an_old_review_is_patched_without_sub_ratings_and_a_strangers_patch_is_a_403(
        self, api_as, hiring_client, outsider, writing
    ):
        review = review_with(writing, rating=4)
        Review.objects.filter(pk=review.pk).update(author=hiring_client)
        url = f"/api/v1/reviews/{review.pk}/"
        assert api_as(outsider).patch(url, {"rating": 1}).status_code == 403
        response = api_as(hiring_client).patch(url, {"rating": 5})
        assert response.status_code == 200, response.json()
        assert response.json()["deadlines_rating"] is None


class TestStoredAggregates:
    def test_submitting_editing_hiding_and_deleting_keep_them_current(
        self, hiring_client, staff, writing, completed
    ):
        profile = writing.owner
        review_with(writing, deadlines=5, voice=3)
        review_with(writing, deadlines=4)
        refresh_reputation(service_ids=[writing.pk])
        assert stored(writing, "deadlines") == (Decimal("4.50"), 2)
        assert stored(writing, "voice") == (Decimal("3.00"), 1)
        assert stored(writing, "accuracy") == (None, 0)

        mine = submission.submit_review(
            engagement=completed,
            author=hiring_client,
            rating=5,
            text=TEXT,
            sub_ratings={aspect.key: 3 for aspect in ASPECTS},
        )
        # Double-blind: a pending review counts nowhere until the other side's is in.
        assert stored(writing, "deadlines") == (Decimal("4.50"), 2)
        submission.submit_review(
            engagement=completed, author=writing.owner.user, rating=4, text=TEXT
        )
        mine.refresh_from_db()
        assert stored(writing, "deadlines") == (Decimal("4.00"), 3)
        assert stored(profile, "deadlines") == (Decimal("4.00"), 3)

        submission.edit_review(
            review=mine, author=hiring_client, rating=5, text=TEXT, sub_ratings={"deadlines": 1}
        )
        assert stored(writing, "deadlines") == (Decimal("3.33"), 3)
        assert stored(writing, "voice") == (Decimal("3.00"), 2)

        moderation.hide_review(review=mine, moderator=staff, reason="Off topic")
        assert stored(writing, "deadlines") == (Decimal("4.50"), 2)
        assert stored(profile, "voice") == (Decimal("3.00"), 1)

        moderation.restore_review(review=mine, moderator=staff, reason="Fine after all")
        assert stored(profile, "deadlines") == (Decimal("3.33"), 3)
        mine.refresh_from_db()
        submission.delete_review(review=mine, author=hiring_client)
        assert stored(writing, "deadlines") == (Decimal("4.50"), 2)

    def test_a_freelancers_figures_span_all_their_services(self, writing):
        other = ServiceFactory(owner=writing.owner, category=writing.category)
        review_with(writing, accuracy=5)
        review_with(other, accuracy=2)
        refresh_reputation(service_ids=[writing.pk, other.pk])
        assert stored(writing.owner, "accuracy") == (Decimal("3.50"), 2)
        assert stored(other, "accuracy") == (Decimal("2.00"), 1)

    def test_drift_in_a_stored_aspect_figure_is_found_and_fixed(self, writing):
        review_with(writing, deadlines=4)
        refresh_reputation(service_ids=[writing.pk])
        assert find_drift() == []
        Service.objects.filter(pk=writing.pk).update(deadlines_average=1, deadlines_count=7)
        Profile.objects.filter(pk=writing.owner_id).update(voice_count=3)
        drift = find_drift()
        assert {(d.model, d.field, str(d.stored), str(d.expected)) for d in drift} == {
            ("service", "deadlines_average", "1.00", "4.00"),
            ("service", "deadlines_count", "7", "1"),
            ("profile", "voice_count", "3", "0"),
        }
        fix_drift(drift)
        assert find_drift() == []

    def test_the_database_refuses_a_sub_rating_outside_1_to_5(self, service):
        from django.db import IntegrityError, transaction

        review = review_with(service)
        with pytest.raises(IntegrityError), transaction.atomic():
            Review.objects.filter(pk=review.pk).update(brief_rating=6)


class TestPages:
    @pytest.fixture
    def rated(self, writing):
        review_with(writing, rating=5, accuracy=5, brief=4, voice=5, deadlines=5)
        review_with(writing, rating=4, accuracy=4, brief=4, voice=3, deadlines=4)
        refresh_reputation(service_ids=[writing.pk])
        writing.refresh_from_db()
        return writing

    def test_the_service_and_profile_pages_show_the_breakdown(self, client, rated):
        for url in (rated.get_absolute_url(), rated.owner.get_absolute_url()):
            html = client.get(url).content.decode()
            assert "Writing ratings" in html
            assert re.search(
                r"Meeting deadlines</th>\s*<td><meter[^>]*aria-hidden=\"true\"></meter></td>\s*"
                r"<td><strong>4.5</strong> out of 5 <span class=\"muted\">\(2 ratings\)</span>",
                html,
            ), url
            # Each review says what it rated, in words.
            assert "Voice and style: <strong>3</strong> out of 5" in html

    def test_pages_without_sub_ratings_show_no_breakdown(self, client, service):
        review_with(service)
        refresh_reputation(service_ids=[service.pk])
        assert "Writing ratings" not in client.get(service.get_absolute_url()).content.decode()

    def test_the_service_json_ld_has_a_rating_per_aspect(self, client, rated):
        data = json_ld(client.get(rated.get_absolute_url()))
        overall, *aspects = data["aggregateRating"]
        assert "reviewAspect" not in overall and overall["reviewCount"] == 2
        assert {a["reviewAspect"]: (a["ratingValue"], a["ratingCount"]) for a in aspects} == {
            "Accuracy and sourcing": ("4.50", 2),
            "Following the brief": ("4.00", 2),
            "Voice and style": ("4.00", 2),
            "Meeting deadlines": ("4.50", 2),
        }
        review = data["review"][0]
        main, *rated_aspects = review["reviewRating"]
        assert main["ratingValue"] in (4, 5) and len(rated_aspects) == len(ASPECTS)
        assert all(r["@type"] == "Rating" and r["bestRating"] == 5 for r in rated_aspects)

    def test_the_profile_json_ld_rates_each_offered_service(self, client, rated):
        data = json_ld(client.get(rated.owner.get_absolute_url()))
        (offer,) = data["mainEntity"]["makesOffer"]
        ratings = offer["itemOffered"]["aggregateRating"]
        assert ratings[0]["reviewCount"] == 2
        assert [r["reviewAspect"] for r in ratings[1:]] == [a.label for a in ASPECTS]

    def test_without_sub_ratings_the_json_ld_is_as_before(self, client, service):
        review_with(service)
        refresh_reputation(service_ids=[service.pk])
        data = json_ld(client.get(service.get_absolute_url()))
        assert data["aggregateRating"]["@type"] == "AggregateRating"
        assert data["review"][0]["reviewRating"]["ratingValue"] == 5

    @pytest.mark.parametrize("items", [1, 50])
    def test_the_breakdown_costs_no_query(self, client, django_assert_max_num_queries, items):
        from tests.services.test_views import SERVICE_QUERIES

        service = ServiceFactory()
        for _ in range(items):
            review_with(service, accuracy=5, brief=4, voice=3, deadlines=2)
        refresh_reputation(service_ids=[service.pk])
        with django_assert_max_num_queries(SERVICE_QUERIES):
            response = client.get(service.get_absolute_url())
        assert "Writing ratings" in response.content.decode()


class TestTheFilter:
    @pytest.fixture
    def punctual(self, writing):
        review_with(writing, deadlines=5)
        review_with(writing, deadlines=4)
        late = ServiceFactory(title="Late but lovely", category=writing.category)
        review_with(late, deadlines=2)
        ServiceFactory(title="Never rated", category=writing.category)
        refresh_reputation(service_ids=[writing.pk, late.pk])
        return writing

    def test_pages_list_only_services_at_or_above_the_minimum(self, client, punctual):
        for url in ("/services/", f"/categories/{WRITING_CATEGORY_SLUG}/"):
            response = client.get(url, {"min_deadlines": "4.5"})
            assert [s.pk for s in response.context["page"]] == [punctual.pk], url
            html = response.content.decode()
            assert 'name="min_deadlines"' in html and 'value="4.5"' in html
            assert "Meeting deadlines: average at least" in html

    def test_the_api_lists_only_services_at_or_above_the_minimum(self, api_as, punctual):
        response = api_as(None).get("/api/v1/services/", {"min_deadlines": "4.5"})
        assert [s["slug"] for s in response.json()["results"]] == [punctual.slug]
        response = api_as(None).get("/api/v1/services/", {"min_deadlines": "2"})
        assert len(response.json()["results"]) == 2

    @pytest.mark.parametrize("value", ["0", "5.5", "NaN", "soon", "Infinity"])
    def test_a_bad_minimum_is_a_field_error_never_a_500(self, client, api_as, punctual, value):
        response = client.get("/services/", {"min_deadlines": value})
        assert response.status_code == 200
        assert "min_deadlines" in response.context["form"].errors
        assert "This filter was ignored." in response.content.decode()
        response = api_as(None).get("/api/v1/services/", {"min_voice": value})
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"min_voice"}

    def test_the_schema_states_each_minimum_with_its_bounds(self, api_as):
        schema = api_as(None).get("/api/schema/?format=json").json()
        parameters = {
            p["name"]: p for p in schema["paths"]["/api/v1/services/"]["get"]["parameters"]
        }
        for aspect in ASPECTS:
            bounds = parameters[aspect.filter_name]["schema"]
            assert (bounds["type"], bounds["minimum"], bounds["maximum"]) == ("number", 1, 5)
