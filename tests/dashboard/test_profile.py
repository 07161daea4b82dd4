from decimal import Decimal

import pytest
from django.urls import reverse

from profiles.models import Skill
from tests.dashboard.forms_data import profile_post
from tests.dashboard.state import database_state
from tests.factories import SkillFactory


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def post_profile(client, **changes):
    return client.post(reverse("dashboard:profile"), profile_post(**changes))


def test_the_owner_edits_every_public_detail(signed_in, owner):
    response = post_profile(signed_in)
    assert response["Location"] == reverse("dashboard:profile")
    owner.refresh_from_db()
    assert owner.headline == "Editor of essays"
    assert owner.about == "I edit.\n\nCarefully."
    assert (owner.location, owner.country) == ("Lisbon", "Portugal")
    assert (owner.hourly_rate, owner.currency) == (Decimal("40"), "EUR")
    assert (owner.availability, owner.engagement_preference) == ("part_time", "either")
    page = signed_in.get(reverse("dashboard:profile")).content.decode()
    assert "Your profile is saved." in page
    assert 'value="Editing, Proofreading"' in page


def test_typed_skills_reuse_existing_ones_whatever_the_case_and_spacing(signed_in, owner):
    existing = SkillFactory(name="News Writing")
    post_profile(signed_in, skill_names="news   WRITING, Data journalism,  data Journalism ,")
    assert list(owner.skills.order_by("name")) == [
        Skill.objects.get(name="Data journalism"),
        existing,
    ]
    assert Skill.objects.filter(name__iexact="data journalism").count() == 1


def test_the_skills_field_suggests_existing_skills(signed_in):
    SkillFactory(name="Copy Editing")
    page = signed_in.get(reverse("dashboard:profile")).content.decode()
    assert 'list="skill-suggestions"' in page
    assert '<option value="Copy Editing">' in page


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("-5", "Enter a rate of at least 1."),
        ("0", "Enter a rate of at least 1."),
        ("250000", "Enter a rate of at most 10,000 an hour."),
        ("1e9", "Enter a rate of at most 10,000 an hour."),
        ("12.345", "Ensure that there are no more than 2 decimal places."),
        ("NaN", "Enter a number."),
        ("abc", "Enter a number."),
    ],
)
def test_negative_or_absurd_rates_are_refused_with_a_field_message(signed_in, owner, rate, message):
    before = database_state()
    response = post_profile(signed_in, hourly_rate=rate, headline="Kept while I fix the rate")
    assert response.status_code == 400
    assert response.context["form"].errors["hourly_rate"] == [message]
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert 'value="Kept while I fix the rate"' in page
    assert database_state() == before


@pytest.mark.parametrize(
    "field", ["display_name", "headline", "location", "country", "skill_names"]
)
def test_html_in_one_line_fields_is_refused(signed_in, field):
    before = database_state()
    response = post_profile(signed_in, **{field: "<script>alert(1)</script>"})
    assert response.context["form"].errors[field] == [
        "Use plain text here: HTML tags such as <b> or <script> are not allowed."
    ]
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # kept, as text
    assert database_state() == before


def test_html_in_the_about_text_is_stored_as_typed_and_shown_as_text(signed_in, owner):
    post_profile(signed_in, about="<script>alert(1)</script>\n\nSecond <b>paragraph</b>")
    owner.refresh_from_db()
    assert owner.about.startswith("<script>")
    page = signed_in.get(owner.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_display_name_is_refused(signed_in):
    before = database_state()
    response = post_profile(signed_in, display_name="")
    assert response.context["form"].errors["display_name"] == ["This field is required."]
    assert database_state() == before


def test_too_many_or_too_long_skills_are_refused(signed_in):
    before = database_state()
    many = ", ".join(f"Skill {n}" for n in range(31))
    assert post_profile(signed_in, skill_names=many).context["form"].errors["skill_names"] == [
        "List at most 30 skills."
    ]
    long = post_profile(signed_in, skill_names="x" * 61)
    assert "keep each skill under 60 characters" in long.context["form"].errors["skill_names"][0]
    symbols = post_profile(signed_in, skill_names="++")
    assert "needs at least one letter or digit" in symbols.context["form"].errors["skill_names"][0]
    assert database_state() == before


def test_the_dashboard_shows_completeness_and_what_is_missing(signed_in, owner):
    page = signed_in.get(reverse("dashboard:home")).content.decode()
    assert "Your profile is 33% complete" in page  # a name, a headline and a rate
    for missing in ("an About text", "a location", "skills", "an avatar", "a resume"):
        assert f"<li>{missing}</li>" in page
