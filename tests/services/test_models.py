from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from reviews import reputation
from services.models import Service, ServiceStatus
from tests.factories import (
    CategoryFactory,
    LeafCategoryFactory,
    ProfileFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_service_without_any_price_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(hourly_rate=None, starting_price=None)


def test_a_service_with_only_a_starting_price_is_accepted():
    service = ServiceFactory(hourly_rate=None, starting_price=Decimal("25"))
    assert Service.objects.get(pk=service.pk).starting_price == Decimal("25.00")


@pytest.mark.parametrize("field", ["hourly_rate", "starting_price"])
def test_a_negative_price_is_rejected_by_the_database(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(**{field: Decimal("-1")})


def test_a_negative_profile_rate_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileFactory(hourly_rate=Decimal("-0.01"))


def test_service_slugs_are_unique():
    ServiceFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(slug="same")


def test_a_category_cannot_be_its_own_parent():
    category = CategoryFactory()
    category.parent_id = category.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        category.save()


def test_category_names_are_unique_within_a_parent():
    parent = CategoryFactory()
    LeafCategoryFactory(parent=parent, name="Editing", slug="editing")
    with pytest.raises(IntegrityError), transaction.atomic():
        LeafCategoryFactory(parent=parent, name="Editing", slug="editing-2")


def test_a_third_level_category_fails_validation():
    leaf = LeafCategoryFactory()
    grandchild = CategoryFactory.build(parent=leaf, name="Too deep", slug="too-deep")
    with pytest.raises(Exception, match="two levels"):
        grandchild.full_clean()


def test_a_parent_category_lists_the_services_of_its_children():
    parent = CategoryFactory()
    first = ServiceFactory(category=LeafCategoryFactory(parent=parent))
    second = ServiceFactory(category=LeafCategoryFactory(parent=parent))
    ServiceFactory()  # elsewhere
    assert set(Service.objects.in_category(parent)) == {first, second}
    assert list(Service.objects.in_category(first.category)) == [first]


def test_drafts_and_paused_services_are_visible_only_to_their_owner():
    draft = ServiceFactory(status=ServiceStatus.DRAFT)
    paused = ServiceFactory(status=ServiceStatus.PAUSED)
    published = ServiceFactory()
    outsider = UserFactory()
    assert set(Service.objects.visible_to(outsider)) == {published}
    assert draft in Service.objects.visible_to(draft.owner.user)
    assert not paused.is_visible_to(outsider)
    assert paused.is_visible_to(paused.owner.user)


def test_a_new_service_without_reviews_scores_at_the_prior_mean():
    service = ServiceFactory()
    assert service.rating_score == reputation.PRIOR_MEAN
