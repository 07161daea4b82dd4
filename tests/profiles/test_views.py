"""The public freelancer pages: profile, writing sample and resume download."""

import datetime
import html as html_module
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo import files, seed
from profiles.editing import create_writing_sample, update_profile
from profiles.forms import ProfileForm
from reviews import reputation
from services.models import ServiceStatus
from services.publishing import publish_service
from tests.factories import (
    CompletedEngagementFactory,
    ProfileFactory,
    ReviewFactory,
    ServiceFactory,
    SkillFactory,
    WritingSampleFactory,
)
from tests.support.pages import json_ld

pytestmark = pytest.mark.django_db

# Upper bounds on the SQL queries of each page for an anonymous visitor, asserted with 1 and
# with 50 services, samples, skills and reviews.
# profile, skills, languages, language pairs, services, samples, the reviews' user, page and
# spread (each read once per catalogue version)
PROFILE_QUERIES = 9
SAMPLE_QUERIES = 1  # the sample with its freelancer


def text_of(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?abbr\b[^>]*>", "", html)  # "$15<abbr>/hr</abbr>" reads "$15/hr"
    return html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


@pytest.fixture
def freelancer():
    return ProfileFactory(
        slug="nora",
        display_name="Nora Quill",
        headline="Science journalist",
        about="I write about science.\n\nI also edit.",
        location="Lisbon",
        country="Portugal",
        hourly_rate=Decimal("42.00"),
        member_since=datetime.date(2023, 3, 14),
    )


# ---------- Profile ----------


def test_the_profile_shows_who_the_freelancer_is(client, freelancer):
    freelancer.skills.set([SkillFactory(name="Science Writing"), SkillFactory(name="Editing")])
    response = client.get("/freelancers/nora/")
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "<h1>Nora Quill</h1>" in html
    assert "Science journalist" in text
    assert "Lisbon, Portugal" in text
    assert "Member since March 2023" in text
    assert "$42/hr" in text
    assert "<p>I write about science.</p>" in html and "<p>I also edit.</p>" in html
    assert 'href="/services/?skill=science-writing"' in html
    assert "Editing" in text.split("Skills & Expertise")[1]


def test_the_profile_lists_published_services_and_writing_samples(client, freelancer):
    ServiceFactory(owner=freelancer, title="Published science service")
    ServiceFactory(owner=freelancer, title="Draft science service", status=ServiceStatus.DRAFT)
    WritingSampleFactory(profile=freelancer, title="On black holes", slug="black-holes")
    response = client.get("/freelancers/nora/")
    text = text_of(response)
    assert "Published science service" in text and "Draft science service" not in text
    assert "On black holes" in text
    assert b'href="/freelancers/nora/samples/black-holes/"' in response.content


def test_the_profile_shows_every_visible_review_across_services_with_the_totals(client, freelancer):
    first, second = ServiceFactory(owner=freelancer), ServiceFactory(owner=freelancer)
    ReviewFactory(service=first, rating=5, text="Review of the first service, great.")
    ReviewFactory(service=second, rating=3, text="Review of the second service, fine.")
    hidden = ReviewFactory(service=second, rating=1, text="A hidden review, insulting.")
    hidden.is_hidden = True
    hidden.save()
    reputation.refresh_reputation(service_ids=[first.pk, second.pk])
    text = text_of(client.get("/freelancers/nora/"))
    assert "2 Reviews" in text
    assert "4.0 out of 5" in text
    assert "Review of the first service" in text and "Review of the second service" in text
    assert f"On {first.title}" in text
    assert "A hidden review" not in text


def test_the_profile_shows_how_many_engagements_were_completed(client, freelancer):
    text = text_of(client.get("/freelancers/nora/"))
    assert "New on Freelance Commons" in text and "0 completed" not in text
    CompletedEngagementFactory(service=ServiceFactory(owner=freelancer))
    assert "1 completed engagement " in text_of(client.get("/freelancers/nora/"))


def test_a_profile_without_reviews_says_so(client, freelancer):
    text = text_of(client.get("/freelancers/nora/"))
    assert "0 Reviews" in text
    assert "This freelancer has not received any feedback." in text


def test_an_unknown_profile_is_not_found(client):
    assert client.get("/freelancers/nobody/").status_code == 404


def test_the_profile_json_ld_is_a_profile_page_about_a_person(client, freelancer):
    freelancer.skills.set([SkillFactory(name="Science Writing")])
    ServiceFactory(owner=freelancer, title="Science articles")
    response = client.get("/freelancers/nora/")
    html = response.content.decode()
    data = json_ld(response)
    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Nora Quill"
    assert person["knowsAbout"] == ["Science Writing"]
    assert person["makesOffer"][0]["itemOffered"]["name"] == "Science articles"
    assert '<meta property="og:type" content="profile">' in html


def test_user_text_on_the_profile_is_escaped(client):
    ProfileFactory(slug="x", display_name="<script>alert(1)</script>", about="<b>bold</b>")
    html = client.get("/freelancers/x/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize("items", [1, 50])
def test_the_profile_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, freelancer, items
):
    freelancer.skills.set(SkillFactory.create_batch(items))
    services = ServiceFactory.create_batch(items, owner=freelancer)
    WritingSampleFactory.create_batch(items, profile=freelancer)
    for service in services:
        ReviewFactory(service=service, rating=4, text="A fine piece of work, thanks.")
    reputation.refresh_reputation(service_ids=[service.pk for service in services])
    with django_assert_max_num_queries(PROFILE_QUERIES):
        response = client.get("/freelancers/nora/")
    assert response.status_code == 200
    assert len(response.context["services"]) == items


def test_a_second_view_reads_nothing_until_something_changes(client, freelancer):
    freelancer.skills.set([SkillFactory(name="Science Writing")])
    ServiceFactory(owner=freelancer, title="Science articles")
    WritingSampleFactory(profile=freelancer, title="On comets")
    first = client.get("/freelancers/nora/")
    with CaptureQueriesContext(connection) as second_view:
        second = client.get("/freelancers/nora/")
    read = " ".join(query["sql"] for query in second_view)
    assert not read  # the profile and its services are kept, the rest are fragments
    assert text_of(second) == text_of(first)
    assert "Science Writing" in text_of(second) and "On comets" in text_of(second)
    create_writing_sample(profile=freelancer, title="On tides", body="The moon pulls.")
    assert "On tides" in text_of(client.get("/freelancers/nora/"))
    publish_service(
        service=ServiceFactory(
            owner=freelancer, title="Science columns", status=ServiceStatus.DRAFT
        )
    )
    assert "Science columns" in text_of(client.get("/freelancers/nora/"))
    freelancer.refresh_from_db()
    update_profile(
        profile=freelancer,
        **{field: getattr(freelancer, field) for field in ProfileForm.Meta.fields}
        | {"headline": "Science writer for museums"},
        skill_names=["Science Writing"],
    )
    assert "Science writer for museums" in text_of(client.get(freelancer.get_absolute_url()))


# ---------- Writing sample ----------


def test_a_writing_sample_shows_its_full_text_in_paragraphs(client, freelancer):
    body = "First paragraph of the piece.\n\nSecond paragraph, <em>escaped</em>."
    WritingSampleFactory(
        profile=freelancer,
        title="On comets",
        slug="comets",
        body=body,
        published_on=datetime.date(2024, 5, 1),
    )
    response = client.get("/freelancers/nora/samples/comets/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>On comets</h1>" in html
    assert "<p>First paragraph of the piece.</p>" in html
    assert "<p>Second paragraph, &lt;em&gt;escaped&lt;/em&gt;.</p>" in html
    text = text_of(response)
    assert "By Nora Quill · 1 May 2024 · 1 min read" in text


def test_a_sample_is_found_only_under_its_own_freelancer(client, freelancer):
    WritingSampleFactory(profile=freelancer, slug="comets")
    ProfileFactory(slug="other")
    assert client.get("/freelancers/other/samples/comets/").status_code == 404


@pytest.mark.parametrize("words", [1, 5_000])
def test_the_sample_page_runs_one_query(client, django_assert_max_num_queries, freelancer, words):
    WritingSampleFactory(profile=freelancer, slug="long", body="word " * words)
    with django_assert_max_num_queries(SAMPLE_QUERIES):
        assert client.get("/freelancers/nora/samples/long/").status_code == 200


# ---------- Resume download ----------


def test_the_resume_downloads_as_a_pdf_attachment_named_after_the_freelancer(client):
    seed.load_demo()
    response = client.get("/freelancers/elena-marsh/resume/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="elena-marsh-resume.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_freelancer_without_a_resume_has_no_download(client, freelancer):
    assert client.get("/freelancers/nora/resume/").status_code == 404


def test_a_resume_whose_file_went_missing_is_not_found(client, freelancer):
    freelancer.resume.save("cv.pdf", ContentFile(files.resume_pdf(["CV"])))
    freelancer.resume.storage.delete(freelancer.resume.name)
    assert client.get("/freelancers/nora/resume/").status_code == 404


def test_a_signed_out_visitor_can_get_a_quote_from_the_profile_through_sign_in(client, freelancer):
    service = ServiceFactory(owner=freelancer)
    html = client.get("/freelancers/nora/").content.decode()
    assert f'href="/accounts/login/?next=%2Fengagements%2Fquote%2F{service.slug}%2F"' in html


def test_the_freelancer_gets_no_quote_button_on_their_own_profile(client, freelancer):
    ServiceFactory(owner=freelancer)
    client.force_login(freelancer.user)
    assert "Get a quote" not in client.get("/freelancers/nora/").content.decode()
