"""The dashboard's additions to the cast (tests/conftest.py): Olga, a freelancer who owns a
service and a sample, and Oscar the outsider as a freelancer too, who must not touch them."""

import pytest

from tests.factories import (
    LeafCategoryFactory,
    ProfileFactory,
    ServiceFactory,
    SkillFactory,
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
def outsider(outsider):
    """Oscar with a freelancer profile of his own, who must not touch the owner's things."""
    return ProfileFactory(user=outsider, slug="oscar", display_name="Oscar Outsider")


@pytest.fixture
def leaf_category(db):
    return LeafCategoryFactory(name="Articles & News", parent__name="Writing & Translation")


@pytest.fixture
def skill(db):
    return SkillFactory(name="News Writing")
