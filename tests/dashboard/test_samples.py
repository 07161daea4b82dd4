import datetime

import pytest
from django.urls import reverse

from profiles.models import WritingSample
from tests.dashboard.forms_data import sample_post
from tests.dashboard.state import database_state
from tests.factories import ServiceFactory


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_a_new_sample_is_attached_to_the_chosen_services(signed_in, owner, service):
    response = signed_in.post(
        reverse("dashboard:sample_create"), sample_post(services=[service.pk])
    )
    assert response["Location"] == reverse("dashboard:samples")
    sample = WritingSample.objects.get(title="A feature on tides")
    assert (sample.profile, sample.slug) == (owner, "a-feature-on-tides")
    assert list(sample.services.all()) == [service]
    page = signed_in.get(reverse("dashboard:samples")).content.decode()
    assert "“A feature on tides” is added to your writing samples." in page
    assert "Shown on: I will edit your essay" in page


def test_only_the_authors_own_services_are_offered(signed_in, outsider):
    theirs = ServiceFactory(owner=outsider, title="Not yours")
    before = database_state()
    response = signed_in.post(reverse("dashboard:sample_create"), sample_post(services=[theirs.pk]))
    assert "services" in response.context["form"].errors
    assert "Not yours" not in response.content.decode()
    assert database_state() == before


def test_samples_with_one_title_get_different_slugs(signed_in, owner):
    signed_in.post(reverse("dashboard:sample_create"), sample_post(title="On commas"))
    assert sorted(owner.writing_samples.values_list("slug", flat=True)) == [
        "on-commas",
        "on-commas-2",
    ]


def test_editing_a_sample_keeps_its_address_and_changes_its_services(
    signed_in, owner, sample, service
):
    other = ServiceFactory(owner=owner, title="Second service")
    url = reverse("dashboard:sample_edit", kwargs={"slug": sample.slug})
    assert 'value="On commas"' in signed_in.get(url).content.decode()
    signed_in.post(
        url,
        sample_post(title="On semicolons", published_on="2024-03-01", services=[other.pk]),
    )
    sample.refresh_from_db()
    assert (sample.title, sample.slug) == ("On semicolons", "on-commas")
    assert sample.published_on == datetime.date(2024, 3, 1)
    assert list(sample.services.all()) == [other]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        (
            {"title": "<img src=x onerror=alert(1)>"},
            "title",
            "Use plain text here: HTML tags such as <b> or <script> are not allowed.",
        ),
        ({"body": ""}, "body", "This field is required."),
        ({"original_url": "javascript:alert(1)"}, "original_url", "Enter a valid URL."),
        ({"published_on": "2999-01-01"}, "published_on", "Enter a date that is not in the future."),
        ({"published_on": "yesterday"}, "published_on", "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_with_a_field_message_and_kept(
    signed_in, sample, changes, field, message
):
    before = database_state()
    url = reverse("dashboard:sample_edit", kwargs={"slug": sample.slug})
    response = signed_in.post(url, sample_post(**{"body": "Kept body", **changes}))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert "Nothing was saved" in page
    if "body" not in changes:
        assert "Kept body</textarea>" in page
    assert "<img src=x" not in page
    assert database_state() == before


def test_html_in_a_sample_body_is_shown_as_text(signed_in, owner):
    signed_in.post(
        reverse("dashboard:sample_create"),
        sample_post(title="Markup", body="<script>alert(1)</script>\n\nNext"),
    )
    sample = owner.writing_samples.get(title="Markup")
    page = signed_in.get(sample.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_delete_asks_to_confirm_and_keeps_the_services(signed_in, sample, service):
    url = reverse("dashboard:sample_delete", kwargs={"slug": sample.slug})
    assert "Delete “On commas”?" in signed_in.get(url).content.decode()
    assert WritingSample.objects.filter(pk=sample.pk).exists()
    response = signed_in.post(url, follow=True)
    assert "“On commas” is deleted." in response.content.decode()
    assert not WritingSample.objects.filter(pk=sample.pk).exists()
    service.refresh_from_db()  # still there
