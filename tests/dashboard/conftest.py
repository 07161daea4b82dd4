"""The cast of the dashboard tests: a freelancer who owns things, another freelancer, a
client without a profile, and staff."""

import pytest

from tests.factories import (
    LeafCategoryFactory,
    ProfileFactory,
    ServiceFactory,
    SkillFactory,
    UserFactory,
    WritingSampleFactory,
)


@pytest.fixture
def owner(db):
    """A freelancer with a published service and a writing sample attached to it."""
    profile = ProfileFactory(user__username="olga", slug="olga", display_name="Olga Owner")
    service = ServiceFactory(owner=profile, title="I will edit your essay", slug="edit-essay")
    sample = WritingSampleFactory(profile=profile, title="On commas", slug="on-commas")
    sample.services.add(service)
    return profile


@pytest.fixture
def service(owner):
    return owner.services.get()


@pytest.fixture
def sample(owner):
    return owner.writing_samples.get()


@pytest.fixture
def outsider(db):
    """Another freelancer, who must not touch the owner's things."""
    return ProfileFactory(user__username="oscar", slug="oscar", display_name="Oscar Outsider")


@pytest.fixture
def hirer(db):
    """A client: an account without a freelancer profile."""
    return UserFactory(username="hanna")


@pytest.fixture
def staff(db):
    return UserFactory(username="stella", is_staff=True, is_superuser=True)


@pytest.fixture
def leaf_category(db):
    return LeafCategoryFactory(name="Articles & News", parent__name="Writing & Translation")


@pytest.fixture
def skill(db):
    return SkillFactory(name="News Writing")
