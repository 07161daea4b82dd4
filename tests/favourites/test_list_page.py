"""The favourites page: grouped by kind, with remove buttons; gone targets marked or gone."""

import pytest
from django.urls import reverse

from favourites.models import Favourite
from jobs.posting import close_job
from services.publishing import pause_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(freelancer, service, profile, job):
    """Elena (a freelancer) saved her own service's page, herself and Sam's job."""
    return [
        Favourite.objects.create(user=freelancer, service=service),
        Favourite.objects.create(user=freelancer, profile=profile),
        Favourite.objects.create(user=freelancer, job=job),
    ]


def page(client) -> str:
    response = client.get(reverse("favourites:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_groups_favourites_by_kind_with_a_remove_button_each(as_user, freelancer, saved):
    html = page(as_user(freelancer))
    services, freelancers, jobs = (
        html.index('id="service-favourites"'),
        html.index('id="profile-favourites"'),
        html.index('id="job-favourites"'),
    )
    assert services < freelancers < jobs
    assert html.count('name="save" value="0"') == 3
    assert 'Remove<span class="visually-hidden"> I will write your news' in html
    assert 'href="/services/i-will-write-your-news/"' in html


def test_a_paused_service_and_a_closed_job_are_marked_and_not_linked(
    as_user, freelancer, saved, service, job
):
    pause_service(service=service)
    close_job(job=job, by=job.client)
    html = page(as_user(freelancer))
    assert "No longer offered" in html
    assert "No longer open" in html
    assert 'href="/services/i-will-write-your-news/"' not in html
    assert f'href="{job.get_absolute_url()}"' not in html


def test_a_deleted_service_disappears_from_the_list(as_user, freelancer, saved, service):
    service.delete()
    html = page(as_user(freelancer))
    assert "I will write your news" not in html
    assert 'id="service-favourites"' not in html


def test_an_empty_list_says_how_to_save(as_user, outsider):
    assert "Nothing saved yet" in page(as_user(outsider))


def test_the_dashboard_and_the_header_link_to_the_list(as_user, outsider):
    html = as_user(outsider).get(reverse("dashboard:home")).content.decode()
    assert html.count(f'href="{reverse("favourites:list")}"') == 2


def test_removing_from_the_list_comes_back_to_it(as_user, freelancer, saved, service):
    response = as_user(freelancer).post(
        saved[0].get_toggle_url(), {"save": "0", "next": reverse("favourites:list")}
    )
    assert response["Location"] == reverse("favourites:list")
    assert "I will write your news" not in page(as_user(freelancer)).split("Freelancers")[0]
