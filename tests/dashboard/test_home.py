import pytest
from django.urls import reverse

from services.models import ServiceStatus
from tests.factories import ServiceFactory


def test_the_dashboard_needs_an_account(client, db):
    response = client.get(reverse("dashboard:home"))
    assert response["Location"] == f"{reverse('account_login')}?next={reverse('dashboard:home')}"


def test_a_client_is_offered_to_become_a_freelancer(client, hirer):
    client.force_login(hirer)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Become a freelancer" in page
    assert f'action="{reverse("dashboard:become_freelancer")}"' in page
    assert f'href="{reverse("dashboard:profile")}"' not in page


def test_becoming_a_freelancer_twice_keeps_one_profile(client, hirer):
    client.force_login(hirer)
    client.post(reverse("dashboard:become_freelancer"))
    response = client.post(reverse("dashboard:become_freelancer"), follow=True)
    assert "You already have a freelancer profile." in response.content.decode()
    assert hirer.__class__.objects.get(pk=hirer.pk).profile.slug == hirer.username


def test_a_freelancer_sees_their_services_by_status(client, owner):
    ServiceFactory(owner=owner, title="Draft one", status=ServiceStatus.DRAFT)
    ServiceFactory(owner=owner, title="Paused one", status=ServiceStatus.PAUSED)
    client.force_login(owner.user)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "1 published, 1 draft, 1 paused · 1 writing sample" in page
    assert "Draft one" in page and "Paused one" in page


def test_the_dashboard_includes_the_engagements_summary(client, owner):
    client.force_login(owner.user)
    response = client.get(reverse("dashboard:home"))
    assert "engagements/includes/dashboard_summary.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(
    "name",
    [
        "dashboard:home",
        "dashboard:profile",
        "dashboard:files",
        "dashboard:services",
        "dashboard:service_create",
        "dashboard:samples",
        "dashboard:sample_create",
    ],
)
def test_every_dashboard_page_has_one_heading_and_is_not_indexed(client, owner, name):
    client.force_login(owner.user)
    page = client.get(reverse(name)).content.decode()
    assert page.count("<h1") == 1
    assert '<meta name="robots" content="noindex">' in page
