"""Saving and removing favourites from cards and pages: with a plain form and with the script."""

import pytest
from django.urls import reverse

from favourites.models import Favourite
from services.models import ServiceStatus

pytestmark = pytest.mark.django_db


def toggle_url(kind: str, pk: int) -> str:
    return reverse("favourites:toggle", kwargs={"kind": kind, "pk": pk})


def saved_by(user) -> set:
    return {(f.kind.value, f.target.pk) for f in Favourite.objects.filter(user=user)}


def test_a_service_card_saves_and_comes_back_to_the_same_card(as_user, hiring_client, service):
    client = as_user(hiring_client)
    page = client.get(reverse("services:list"), {"q": "news"})
    html = page.content.decode()
    assert f'id="service-{service.pk}"' in html
    assert 'aria-pressed="false"' in html
    back = f"/services/?q=news#service-{service.pk}"

    response = client.post(toggle_url("service", service.pk), {"save": "1", "next": back})

    assert response.status_code == 303
    assert response["Location"] == back
    assert saved_by(hiring_client) == {("service", service.pk)}
    again = client.get(reverse("services:list"), {"q": "news"}).content.decode()
    assert 'aria-pressed="true"' in again

    client.post(toggle_url("service", service.pk), {"save": "0", "next": back})
    assert saved_by(hiring_client) == set()


def test_saving_twice_keeps_one_favourite(as_user, hiring_client, service):
    client = as_user(hiring_client)
    for _ in range(2):
        client.post(toggle_url("service", service.pk), {"save": "1"})
    assert Favourite.objects.filter(user=hiring_client).count() == 1


def test_removing_what_was_not_saved_changes_nothing(as_user, hiring_client, service):
    response = as_user(hiring_client).post(toggle_url("service", service.pk), {"save": "0"})
    assert response.status_code == 303
    assert saved_by(hiring_client) == set()


def test_the_profile_page_saves_the_freelancer(as_user, hiring_client, profile):
    client = as_user(hiring_client)
    url = profile.get_absolute_url()
    assert 'aria-pressed="false"' in client.get(url).content.decode()
    response = client.post(toggle_url("profile", profile.pk), {"save": "1", "next": url})
    assert response["Location"] == url
    assert saved_by(hiring_client) == {("profile", profile.pk)}
    assert 'aria-pressed="true"' in client.get(url).content.decode()


def test_the_script_gets_json_and_no_redirect(as_user, hiring_client, service):
    client = as_user(hiring_client)
    url = toggle_url("service", service.pk)
    saved = client.post(url, {"save": "1"}, headers={"Accept": "application/json"})
    assert saved.status_code == 200
    assert saved.json() == {"saved": True}
    removed = client.post(url, {"save": "0"}, headers={"Accept": "application/json"})
    assert removed.json() == {"saved": False}
    assert saved_by(hiring_client) == set()


def test_a_freelancer_saves_a_job_from_its_card_and_its_page(as_user, freelancer, job):
    client = as_user(freelancer)
    assert f'id="job-{job.pk}"' in client.get(reverse("jobs:list")).content.decode()
    assert 'aria-pressed="false"' in client.get(job.get_absolute_url()).content.decode()
    client.post(toggle_url("job", job.pk), {"save": "1"})
    assert saved_by(freelancer) == {("job", job.pk)}
    assert 'aria-pressed="true"' in client.get(job.get_absolute_url()).content.decode()


def test_a_client_has_no_button_for_jobs_and_cannot_save_one(as_user, outsider, job):
    client = as_user(outsider)
    assert "favourite-toggle" not in client.get(reverse("jobs:list")).content.decode()
    response = client.post(toggle_url("job", job.pk), {"save": "1"}, follow=True)
    assert "Only freelancers save jobs" in response.content.decode()
    refused = client.post(
        toggle_url("job", job.pk), {"save": "1"}, headers={"Accept": "application/json"}
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "not_freelancer")
    assert saved_by(outsider) == set()


def test_a_draft_service_cannot_be_saved(as_user, hiring_client, service):
    service.status = ServiceStatus.DRAFT
    service.save()
    response = as_user(hiring_client).post(toggle_url("service", service.pk), {"save": "1"})
    assert response.status_code == 404
    assert saved_by(hiring_client) == set()


def test_a_paused_service_can_still_be_removed(as_user, hiring_client, service):
    Favourite.objects.create(user=hiring_client, service=service)
    service.status = ServiceStatus.PAUSED
    service.save()
    as_user(hiring_client).post(toggle_url("service", service.pk), {"save": "0"})
    assert saved_by(hiring_client) == set()


@pytest.mark.parametrize("save", ["", "2", "toggle"])
def test_a_request_that_does_not_say_save_or_remove_is_refused(
    as_user, hiring_client, service, save
):
    response = as_user(hiring_client).post(toggle_url("service", service.pk), {"save": save})
    assert response.status_code == 400
    assert saved_by(hiring_client) == set()


def test_an_unknown_kind_is_a_404(as_user, hiring_client, service):
    response = as_user(hiring_client).post(toggle_url("skill", service.pk), {"save": "1"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/services/",
        "http://evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
    ],
)
def test_a_next_address_on_another_site_is_refused(as_user, hiring_client, service, next_url):
    response = as_user(hiring_client).post(
        toggle_url("service", service.pk), {"save": "1", "next": next_url}
    )
    assert response.status_code == 303
    assert response["Location"] == reverse("favourites:list")
    assert saved_by(hiring_client) == {("service", service.pk)}


def test_a_get_changes_nothing(as_user, hiring_client, service):
    response = as_user(hiring_client).get(toggle_url("service", service.pk), {"save": "1"})
    assert response.status_code == 405
    assert saved_by(hiring_client) == set()
