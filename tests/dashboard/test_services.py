from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import Skill
from services.models import Service, ServiceRedirect, ServiceStatus
from services.search import search
from tests.dashboard.forms_data import service_post
from tests.dashboard.state import database_state
from tests.factories import (
    CategoryFactory,
    EngagementFactory,
    ReviewFactory,
    ServiceFactory,
    SkillFactory,
)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def create(client, category, **changes):
    return client.post(reverse("dashboard:service_create"), service_post(category, **changes))


def edit(client, service, **changes):
    url = reverse("dashboard:service_edit", kwargs={"slug": service.slug})
    return client.post(url, service_post(service.category, **changes))


def test_a_new_service_is_a_draft_with_a_slug_from_its_title(signed_in, owner, leaf_category):
    response = create(signed_in, leaf_category, skill_names="Newsletters, copywriting")
    service = Service.objects.get(title="I will write your newsletter")
    assert response["Location"] == reverse(
        "dashboard:service_preview", kwargs={"slug": service.slug}
    )
    assert service.slug == "i-will-write-your-newsletter"
    assert (service.owner, service.status) == (owner, ServiceStatus.DRAFT)
    assert (service.hourly_rate, service.starting_price) == (Decimal("30"), Decimal("90"))
    assert sorted(service.skills.values_list("name", flat=True)) == ["Newsletters", "copywriting"]
    preview = signed_in.get(response["Location"]).content.decode()
    assert "is saved as a draft" in preview


def test_two_services_with_one_title_get_different_slugs(signed_in, leaf_category):
    create(signed_in, leaf_category)
    create(signed_in, leaf_category)
    assert sorted(
        Service.objects.filter(title__startswith="I will write your n").values_list(
            "slug", flat=True
        )
    ) == ["i-will-write-your-newsletter", "i-will-write-your-newsletter-2"]


def test_only_leaf_categories_can_be_chosen(signed_in, leaf_category):
    before = database_state()
    response = create(signed_in, leaf_category.parent)
    assert response.context["form"].errors["category"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert database_state() == before
    options = response.context["form"].fields["category"].queryset
    assert leaf_category in options and leaf_category.parent not in options


def test_the_category_list_names_each_leaf_with_its_parent(signed_in, leaf_category):
    page = signed_in.get(reverse("dashboard:service_create")).content.decode()
    assert "Writing &amp; Translation › Articles &amp; News" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "   "}, "title", "This field is required."),
        ({"title": "!!!"}, "title", "Give the service a title with words in it."),
        (
            {"title": "<script>alert(1)</script>"},
            "title",
            "Use plain text here: HTML tags such as <b> or <script> are not allowed.",
        ),
        ({"hourly_rate": "-10"}, "hourly_rate", "Enter a rate of at least 1."),
        ({"hourly_rate": "99999"}, "hourly_rate", "Enter a rate of at most 10,000 an hour."),
        ({"starting_price": "-1"}, "starting_price", "Enter a price of at least 1."),
        ({"starting_price": "5000000"}, "starting_price", "Enter a price of at most 1,000,000."),
        (
            {"hourly_rate": "", "starting_price": ""},
            "hourly_rate",
            "Give an hourly rate, a starting price, or both.",
        ),
        ({"description": ""}, "description", "This field is required."),
        (
            {"engagement": "forever"},
            "engagement",
            "Select a valid choice. forever is not one of the available choices.",
        ),
        (
            {"skill_names": "<b>bold</b>"},
            "skill_names",
            "Use plain text here: HTML tags such as <b> or <script> are not allowed.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_field_message_and_kept(
    signed_in, leaf_category, changes, field, message
):
    before = database_state()
    response = create(signed_in, leaf_category, **{"description": "Kept text", **changes})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert "Nothing was saved" in page
    if "description" not in changes:
        assert "Kept text</textarea>" in page
    assert "<script>alert(1)</script>" not in page
    assert database_state() == before


def test_html_in_a_description_is_kept_as_text_and_escaped_with_paragraphs(
    signed_in, leaf_category
):
    create(signed_in, leaf_category, description="<script>alert(1)</script>\n\nSecond para")
    service = Service.objects.get(title="I will write your newsletter")
    page = signed_in.get(
        reverse("dashboard:service_preview", kwargs={"slug": service.slug})
    ).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page
    assert "<p>Second para</p>" in page


def test_editing_without_changing_the_slug_keeps_the_address(signed_in, service):
    old_slug = service.slug
    edit(signed_in, service, title="I Will Edit Your Essay!", description="New words")
    service.refresh_from_db()
    assert (service.slug, service.description) == (old_slug, "New words")
    assert not ServiceRedirect.objects.exists()


def test_a_title_that_changes_the_slug_keeps_the_old_address_as_a_redirect(signed_in, service):
    response = edit(signed_in, service, title="I will proofread your thesis")
    service.refresh_from_db()
    assert service.slug == "i-will-proofread-your-thesis"
    assert response["Location"] == reverse(
        "dashboard:service_preview", kwargs={"slug": service.slug}
    )
    redirect = ServiceRedirect.objects.get()
    assert (redirect.old_slug, redirect.service) == ("edit-essay", service)


def test_the_old_address_of_a_renamed_service_redirects_permanently(signed_in, service):
    edit(signed_in, service, title="I will proofread your thesis")
    response = Client().get(reverse("services:detail", kwargs={"slug": "edit-essay"}))
    assert response.status_code == 301
    assert response["Location"].endswith("/services/i-will-proofread-your-thesis/")


def test_renaming_back_reclaims_the_old_address(signed_in, service):
    edit(signed_in, service, title="I will proofread your thesis")
    service.refresh_from_db()
    edit(signed_in, service, title="Edit essay")
    service.refresh_from_db()
    assert service.slug == "edit-essay"
    assert list(ServiceRedirect.objects.values_list("old_slug", flat=True)) == [
        "i-will-proofread-your-thesis"
    ]


def test_an_address_another_renamed_service_used_is_handed_over_without_an_error(
    signed_in, owner, service
):
    other = ServiceFactory(owner=owner, title="Old name", slug="old-name")
    edit(signed_in, other, title="Something new")  # "old-name" now redirects to `other`
    service.refresh_from_db()
    edit(signed_in, service, title="Old name")
    service.refresh_from_db()
    edit(signed_in, service, title="Final name")
    assert ServiceRedirect.objects.get(old_slug="old-name").service == service


def test_editing_shows_the_saved_values_and_skills(signed_in, service):
    service.skills.set([SkillFactory(name="Line Editing")])
    page = signed_in.get(reverse("dashboard:service_edit", kwargs={"slug": service.slug}))
    html = page.content.decode()
    assert 'value="I will edit your essay"' in html
    assert 'value="Line Editing"' in html


def test_a_failed_edit_keeps_the_saved_title_in_the_heading(signed_in, service):
    response = edit(signed_in, service, title="", hourly_rate="-3")
    assert "Edit “I will edit your essay”" in response.content.decode()
    service.refresh_from_db()
    assert service.title == "I will edit your essay"


def test_skills_typed_on_a_service_reuse_existing_skills(signed_in, service):
    existing = SkillFactory(name="Copy Editing")
    edit(signed_in, service, skill_names="copy  editing, Fact Checking")
    assert set(service.skills.all()) == {existing, Skill.objects.get(name="Fact Checking")}


def test_publish_and_pause_change_who_can_see_the_service(signed_in, service):
    detail = reverse("services:detail", kwargs={"slug": service.slug})
    signed_in.post(reverse("dashboard:service_pause", kwargs={"slug": service.slug}))
    service.refresh_from_db()
    assert service.status == ServiceStatus.PAUSED
    assert Client().get(detail).status_code == 404
    page = signed_in.get(reverse("dashboard:service_preview", kwargs={"slug": service.slug}))
    assert "is paused: only you can see it." in page.content.decode()

    signed_in.post(reverse("dashboard:service_publish", kwargs={"slug": service.slug}))
    service.refresh_from_db()
    assert service.status == ServiceStatus.PUBLISHED


def test_delete_asks_to_confirm_first(signed_in, service):
    url = reverse("dashboard:service_delete", kwargs={"slug": service.slug})
    page = signed_in.get(url)
    assert "Delete “I will edit your essay”?" in page.content.decode()
    assert Service.objects.filter(pk=service.pk).exists()
    response = signed_in.post(url, follow=True)
    assert "“I will edit your essay” is deleted." in response.content.decode()
    assert not Service.objects.filter(pk=service.pk).exists()


def test_a_reviewed_service_cannot_be_deleted_only_paused(signed_in, service):
    ReviewFactory(service=service)
    url = reverse("dashboard:service_delete", kwargs={"slug": service.slug})
    assert "it cannot be deleted" in signed_in.get(url).content.decode()
    response = signed_in.post(url, follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Service.objects.filter(pk=service.pk).exists()


def test_a_service_a_client_asked_about_cannot_be_deleted(signed_in, service):
    EngagementFactory(service=service)
    response = signed_in.post(
        reverse("dashboard:service_delete", kwargs={"slug": service.slug}), follow=True
    )
    assert "cannot be deleted" in response.content.decode()
    assert Service.objects.filter(pk=service.pk).exists()


def test_the_service_list_shows_every_status(signed_in, owner, service):
    ServiceFactory(owner=owner, title="A draft", status=ServiceStatus.DRAFT)
    page = signed_in.get(reverse("dashboard:services")).content.decode()
    assert "I will edit your essay" in page and "A draft" in page
    assert "Published" in page and "Draft" in page


@pytest.mark.postgres
def test_a_created_service_is_found_by_search_once_published(
    signed_in, leaf_category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create(signed_in, leaf_category, title="Investigative newsletter writing")
    service = Service.objects.get(title="Investigative newsletter writing")
    assert list(search(Service.objects.published(), "newsletter")) == []
    signed_in.post(reverse("dashboard:service_publish", kwargs={"slug": service.slug}))
    assert list(search(Service.objects.published(), "newsletters")) == [service]


@pytest.mark.postgres
def test_editing_a_service_refreshes_its_search_text(
    signed_in, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit(signed_in, service, description="Specialist in maritime law", skill_names="Shipping")
    published = Service.objects.published()
    assert list(search(published, "maritime")) == [service]
    assert list(search(published, "shipping")) == [service]


@pytest.mark.postgres
def test_moving_a_service_to_another_category_refreshes_its_search_text(
    signed_in, service, django_capture_on_commit_callbacks
):
    elsewhere = CategoryFactory(name="Legal research", parent=CategoryFactory(name="Legal"))
    url = reverse("dashboard:service_edit", kwargs={"slug": service.slug})
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(url, service_post(elsewhere))
    assert list(search(Service.objects.published(), "legal")) == [service]
