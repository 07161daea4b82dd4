import pytest
from django.core.files.base import ContentFile

from tests.factories import ProfileFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_a_bare_profile_lists_everything_clients_look_for_as_missing():
    profile = ProfileFactory(headline="", hourly_rate=None)
    completeness = profile.completeness()
    assert completeness.percent == 11  # only the display name
    assert completeness.missing == [
        "a headline",
        "an About text",
        "a location",
        "an hourly rate",
        "skills",
        "an avatar",
        "a banner image",
        "a resume",
    ]
    assert not completeness.is_complete


def test_a_full_profile_is_100_percent_complete():
    profile = ProfileFactory(about="About me", location="Oslo")
    profile.skills.add(SkillFactory())
    profile.avatar.save("a.png", ContentFile(b"x"), save=False)
    profile.banner.save("b.png", ContentFile(b"x"), save=False)
    profile.resume.save("r.pdf", ContentFile(b"x"), save=False)
    completeness = profile.completeness()
    assert (completeness.percent, completeness.missing) == (100, [])
    assert completeness.is_complete
