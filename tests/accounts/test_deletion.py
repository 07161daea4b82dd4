"""Deleting an account: explained first, confirmed with the password; afterwards neither the
database nor the storage holds the person's email, name or files, and what others rely on
stays, signed "Former member"."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from accounts.models import User
from audit.models import Action, Event
from engagements.models import Engagement, Message
from reviews.models import Review
from services.models import Service, ServiceStatus
from tests.support.mfa import confirm_identity, give_totp
from tests.support.tokens import token_key_for
from tests.upload_files import files_under

pytestmark = pytest.mark.django_db


def everything_stored() -> str:
    """Every value of every row of every table, as text."""
    rows = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        rows.extend(str(row) for row in model._base_manager.values_list())
    return "\n".join(rows)


def all_files(settings) -> set[str]:
    return files_under(settings.MEDIA_ROOT) | files_under(settings.PRIVATE_MEDIA_ROOT)


def delete(client, user, committed, confirm="DELETE"):
    client.force_login(user)
    confirm_identity(client, user)
    return committed(client.post, reverse("accounts:delete"), {"confirm": confirm})


def test_the_page_explains_what_goes_and_what_stays_before_asking(client, freelancer):
    client.force_login(freelancer)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "What goes" in page and "What stays, without your name" in page
    assert "Former member" in page
    assert 'name="confirm"' in page


def test_it_asks_to_type_delete(client, freelancer, committed):
    response = delete(client, freelancer, committed, confirm="yes")
    assert response.status_code == 400
    assert "Type DELETE" in response.content.decode()
    assert User.objects.get(pk=freelancer.pk).erased_at is None


def test_a_stolen_session_cookie_cannot_delete_the_account(client, freelancer):
    client.force_login(freelancer)
    response = client.post(reverse("accounts:delete"), {"confirm": "DELETE"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=freelancer.pk).erased_at is None


def test_nothing_of_the_freelancer_remains_in_the_database_or_the_storage(
    client, freelancer, profile, worked_together, committed, settings
):
    give_totp(freelancer)
    token_key_for(freelancer)
    Client().post(reverse("account_login"), {"login": freelancer.email, "password": "x"})
    stored_files = set(worked_together["elenas_files"])
    assert stored_files <= all_files(settings)

    response = delete(client, freelancer, committed)
    assert response["Location"] == reverse("services:home")
    assert "_auth_user_id" not in client.session

    stored = everything_stored()
    for trace in ("elena@example.com", "Elena Marsh", *stored_files):
        assert trace not in stored, trace
    assert not User.objects.filter(username="elena").exists()
    left = all_files(settings)
    assert not stored_files & left
    assert not any(name.startswith(("avatars/", "resumes/")) for name in left)
    assert set(worked_together["sams_files"]) <= left  # the client's brief is his

    # What others rely on stays: the engagement, its messages, the reviews, a hidden service.
    engagement = Engagement.objects.get(pk=worked_together["engagement"].pk)
    assert Message.objects.filter(engagement=engagement).count() == 2
    assert Review.objects.filter(engagement=engagement).count() == 2
    assert Service.objects.get(pk=engagement.service_id).status == ServiceStatus.PAUSED
    assert Event.objects.filter(subject=freelancer, action_name=Action.ACCOUNT_DELETED).exists()


def test_reviews_the_client_wrote_show_former_member_and_his_files_go(
    client, hiring_client, service, worked_together, committed, settings
):
    assert "Sam O." in Client().get(service.get_absolute_url()).content.decode()
    delete(client, hiring_client, committed)
    page = Client().get(service.get_absolute_url()).content.decode()
    assert "Former member" in page
    assert "Sam O." not in page and "Okafor" not in page
    stored = everything_stored()
    for trace in ("sam@example.com", "Okafor", *worked_together["sams_files"]):
        assert trace not in stored, trace
    assert not set(worked_together["sams_files"]) & all_files(settings)


def test_the_deleted_account_cannot_sign_in_again(client, hiring_client, committed):
    delete(client, hiring_client, committed)
    response = Client().post(
        reverse("account_login"),
        {"login": "sam@example.com", "password": "correct horse battery staple"},
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_the_other_sides_pages_still_work(
    client, freelancer, hiring_client, worked_together, committed
):
    delete(client, freelancer, committed)
    sam = Client()
    sam.force_login(hiring_client)
    engagement = worked_together["engagement"]
    page = sam.get(engagement.get_absolute_url())
    assert page.status_code == 200
    assert "Elena answers: Tuesday." in page.content.decode()
