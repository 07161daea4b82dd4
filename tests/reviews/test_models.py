import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reviews import reputation
from reviews.models import Review
from tests.factories import ReviewFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_one_to_five_is_rejected_by_the_database(rating):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(rating=rating)


def test_a_freelancer_cannot_review_their_own_service():
    service = ServiceFactory()
    review = ReviewFactory.build(service=service, author=service.owner.user)
    with pytest.raises(ValidationError, match="own services"):
        review.full_clean()


def test_refreshed_reputation_counts_only_visible_reviews():
    service = ServiceFactory()
    ReviewFactory(service=service, rating=5)
    ReviewFactory(service=service, rating=4)
    ReviewFactory(service=service, rating=1, is_hidden=True)
    reputation.refresh_reputation(service_ids=[service.pk])
    service.refresh_from_db()
    service.owner.refresh_from_db()
    assert service.review_count == 2
    assert float(service.rating_average) == 4.5
    assert service.rating_score == pytest.approx(reputation.damped_average(9, 2))
    assert (service.owner.review_count, float(service.owner.rating_average)) == (2, 4.5)


def test_one_five_star_review_does_not_outrank_a_hundred_at_4_9():
    assert reputation.damped_average(5, 1) < reputation.damped_average(490, 100)


def test_a_hidden_review_is_visible_to_its_author_only():
    author, other = UserFactory(), UserFactory()
    shown = ReviewFactory()
    hidden = ReviewFactory(author=author, is_hidden=True)
    assert set(Review.objects.visible_to(author)) == {shown, hidden}
    assert set(Review.objects.visible_to(other)) == {shown}
    assert set(Review.objects.visible_to(AnonymousUser())) == {shown}
