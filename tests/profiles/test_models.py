import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from profiles.models import Profile, Skill
from tests.factories import ProfileFactory, SkillFactory, WritingSampleFactory

pytestmark = pytest.mark.django_db


def test_skill_names_are_unique_ignoring_case():
    SkillFactory(name="News Writing", slug="news-writing")
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.create(name="news writing", slug="news-writing-2")


def test_a_typed_skill_reuses_the_existing_one_whatever_its_case_and_spacing():
    existing = SkillFactory(name="News Writing", slug="news-writing")
    assert Skill.objects.get_or_create_by_name("  news   WRITING ") == existing
    created = Skill.objects.get_or_create_by_name("Data   Journalism")
    assert (created.name, created.slug) == ("Data Journalism", "data-journalism")


def test_profile_slugs_are_unique():
    ProfileFactory(slug="elena")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileFactory(slug="elena")


def test_a_profile_cannot_have_two_samples_with_one_slug():
    sample = WritingSampleFactory(slug="report")
    with pytest.raises(IntegrityError), transaction.atomic():
        WritingSampleFactory(profile=sample.profile, slug="report")


def test_reading_time_is_at_least_a_minute_and_grows_with_length():
    assert WritingSampleFactory(body="Short.").reading_minutes == 1
    assert WritingSampleFactory(body="word " * 2300).reading_minutes == 10


def test_skills_whose_names_slugify_alike_stay_distinct():
    c = Skill.objects.get_or_create_by_name("C")
    cpp = Skill.objects.get_or_create_by_name("C++")
    csharp = Skill.objects.get_or_create_by_name("C#")
    assert len({c, cpp, csharp}) == 3
    assert [s.name for s in (c, cpp, csharp)] == ["C", "C++", "C#"]
    assert len({c.slug, cpp.slug, csharp.slug}) == 3


def test_profile_of_a_user_is_theirs_or_none(profile, hiring_client):
    assert Profile.objects.of(profile.user) == profile
    assert Profile.objects.of(hiring_client) is None
    assert Profile.objects.of(AnonymousUser()) is None
