"""Whatever happens to reviews, the stored reputation equals a recount of the visible ones."""

from contextlib import suppress
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.models import Profile
from ratings.scores import damped_average
from reviews.drift import find_drift
from reviews.exceptions import ReviewRefused
from reviews.models import Review
from reviews.moderation import hide_review, restore_review
from reviews.submission import delete_review, edit_review, submit_review
from services.models import Service
from tests.factories import CompletedEngagementFactory, ProfileFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

TEXT = "A review long enough to be accepted."
ratings = st.integers(min_value=1, max_value=5)
picks = st.integers(min_value=0, max_value=1_000)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(min_value=0, max_value=2), ratings),
        st.tuples(st.just("edit"), picks, ratings),
        st.tuples(st.just("delete"), picks),
        st.tuples(st.just("hide"), picks),
        st.tuples(st.just("restore"), picks),
    ),
    max_size=15,
)


def apply(operation, services, moderator) -> None:
    kind, *args = operation
    if kind == "create":
        index, rating = args
        engagement = CompletedEngagementFactory(service=services[index])
        submit_review(engagement=engagement, author=engagement.client, rating=rating, text=TEXT)
        return
    reviews = list(Review.objects.order_by("pk"))
    if not reviews:
        return
    review = reviews[args[0] % len(reviews)]
    if kind == "edit":
        with suppress(ReviewRefused):  # hidden reviews stay as they were
            edit_review(review=review, author=review.author, rating=args[1], text=TEXT + " Edited.")
    elif kind == "delete":
        delete_review(review=review, author=review.author)
    elif kind == "hide":
        hide_review(review=review, moderator=moderator, reason="Property test")
    else:
        restore_review(review=review, moderator=moderator, reason="Property test")


def recount(ratings_list: list[int]) -> tuple:
    if not ratings_list:
        return 0, None
    average = (Decimal(sum(ratings_list)) / len(ratings_list)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return len(ratings_list), average


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=operations)
def test_stored_counts_and_averages_always_equal_a_recount_of_visible_reviews(operations):
    with transaction.atomic():
        first_freelancer, second_freelancer = ProfileFactory(), ProfileFactory()
        services = [
            ServiceFactory(owner=first_freelancer),
            ServiceFactory(owner=first_freelancer),
            ServiceFactory(owner=second_freelancer),
        ]
        moderator = UserFactory(is_staff=True)
        for operation in operations:
            apply(operation, services, moderator)

        for service in Service.objects.filter(pk__in=[s.pk for s in services]):
            visible = list(service.reviews.visible().values_list("rating", flat=True))
            assert (service.review_count, service.rating_average) == recount(visible)
            assert service.rating_score == pytest.approx(damped_average(sum(visible), len(visible)))
        for profile in Profile.objects.filter(pk__in=[first_freelancer.pk, second_freelancer.pk]):
            visible = list(
                Review.objects.visible()
                .filter(service__owner=profile)
                .values_list("rating", flat=True)
            )
            assert (profile.review_count, profile.rating_average) == recount(visible)
        assert find_drift() == []
        transaction.set_rollback(True)
