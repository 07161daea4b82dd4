"""The admin changes services, categories and skills through the same workflows as the site."""

import pytest
from django.urls import reverse

from profiles.languages import add_language
from services.filters import ServiceFilter
from services.models import Service, ServiceRedirect, ServiceStatus
from tests.factories import ProfileFactory, ServiceFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def service_form(service: Service, **changes) -> dict:
    data = {
        "owner": service.owner_id,
        "title": service.title,
        "category": service.category_id,
        "description": service.description,
        "hourly_rate": service.hourly_rate or "",
        "starting_price": service.starting_price or "",
        "currency": service.currency,
        "engagement": service.engagement,
        "skills": [skill.pk for skill in service.skills.all()],
        "status": service.status,
    }
    return {**data, **changes}


def search(query: str) -> list[Service]:
    return list(Service.objects.filter(search_vector=query))


def test_a_new_title_in_the_admin_keeps_the_old_address_as_a_redirect(admin_client, service):
    url = reverse("admin:services_service_change", args=[service.pk])
    response = admin_client.post(url, service_form(service, title="I will report the budget"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.slug == "i-will-report-the-budget"
    assert ServiceRedirect.objects.get(old_slug="i-will-write-your-news").service == service
    assert admin_client.get("/services/i-will-write-your-news/").status_code == 301


def test_the_admin_cannot_type_a_slug_over_an_existing_one(admin_client, service):
    url = reverse("admin:services_service_change", args=[service.pk])
    admin_client.post(url, service_form(service, slug="anything-else"))
    service.refresh_from_db()
    assert service.slug == "i-will-write-your-news"


@pytest.mark.postgres
def test_new_skills_in_the_admin_are_found_by_search_once_saved(
    admin_client, service, django_capture_on_commit_callbacks
):
    fact_checking = SkillFactory(name="Fact Checking")
    url = reverse("admin:services_service_change", args=[service.pk])
    # The search text is refreshed by a task queued when the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, service_form(service, skills=[fact_checking.pk]))
    assert response.status_code == 302
    assert search("fact") == [service]


@pytest.mark.postgres
def test_renaming_a_skill_in_the_admin_refreshes_the_services_that_list_it(
    admin_client, service, news_writing
):
    url = reverse("admin:profiles_skill_change", args=[news_writing.pk])
    response = admin_client.post(url, {"name": "Wire Reporting", "slug": news_writing.slug})
    assert response.status_code == 302
    assert search("wire") == [service]


def test_pausing_in_the_admin_goes_through_the_workflow(admin_client, service):
    before = service.updated_at
    response = admin_client.post(
        reverse("admin:services_service_changelist"),
        {"action": "pause_services", "_selected_action": [service.pk]},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == ServiceStatus.PAUSED
    assert service.updated_at > before


def test_a_status_changed_on_the_admin_form_goes_through_the_workflow(admin_client, service):
    before = service.updated_at
    url = reverse("admin:services_service_change", args=[service.pk])
    admin_client.post(url, service_form(service, status=ServiceStatus.PAUSED))
    service.refresh_from_db()
    assert service.status == ServiceStatus.PAUSED
    assert service.updated_at > before


@pytest.mark.postgres
def test_a_service_added_in_the_admin_is_searchable(admin_client, service, news_writing):
    data = service_form(service, title="Budget explainers", slug="budget-explainers")
    response = admin_client.post(reverse("admin:services_service_add"), data)
    assert response.status_code == 302
    assert search("explainers") == [Service.objects.get(slug="budget-explainers")]


def test_a_sample_is_shown_only_on_its_authors_services_whatever_the_admin_picks(
    admin_client, sample
):
    someone_elses = ServiceFactory()
    url = reverse("admin:profiles_writingsample_change", args=[sample.pk])
    data = {
        "profile": sample.profile_id,
        "title": sample.title,
        "body": sample.body,
        "original_url": "",
        "published_on": "",
        "services": f"{sample.services.get().pk},{someone_elses.pk}",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert list(sample.services.all()) == [sample.profile.services.get()]


def test_a_service_the_admin_adds_or_gives_to_another_freelancer_has_their_native_languages(
    admin_client, service
):
    add_language(profile=service.owner, language="de", level="native")
    data = service_form(service, title="Budget explainers", slug="budget-explainers")
    assert admin_client.post(reverse("admin:services_service_add"), data).status_code == 302
    added = Service.objects.get(slug="budget-explainers")
    assert added.owner_native_languages == " de "
    other = ProfileFactory()
    add_language(profile=other, language="pl", level="native")
    url = reverse("admin:services_service_change", args=[added.pk])
    assert admin_client.post(url, service_form(added, owner=other.pk)).status_code == 302
    native_polish = ServiceFilter({"native": "pl"}, queryset=Service.objects.published()).qs
    assert list(native_polish) == [added]
