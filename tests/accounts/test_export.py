"""Your data: an export asked for on the page, built by the task into a zip, linked by email,
downloadable by its owner only, for a day; with everything listed and nothing of others."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import DataExport
from accounts.tasks import prune_data_exports
from audit.models import Action, Event
from tests.support.mfa import confirm_identity

pytestmark = pytest.mark.django_db

PARTS = {
    "account",
    "profile",
    "services",
    "samples",
    "messages",
    "engagements",
    "reviews_written",
    "reviews_received",
    "jobs",
    "proposals",
    "favourites",
    "saved_searches",
}


def ask_for_export(client, user, committed):
    client.force_login(user)
    confirm_identity(client, user)
    return committed(client.post, reverse("accounts:export-request"))


def downloaded_zip(client, user, committed) -> zipfile.ZipFile:
    ask_for_export(client, user, committed)
    export = DataExport.objects.get(user=user)
    link = re.search(r"https?://\S+/download/", mail.outbox[-1].body).group(0)
    assert link.endswith(reverse("accounts:export-download", args=[export.pk]))
    response = client.get(reverse("accounts:export-download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def part(archive: zipfile.ZipFile, name: str):
    return json.loads(archive.read(f"{name}.json"))


def test_the_clients_export_has_every_part_and_nothing_of_the_others(
    client, hiring_client, worked_together, committed
):
    archive = downloaded_zip(client, hiring_client, committed)
    names = set(archive.namelist())
    assert {f"{p}.json" for p in PARTS} <= names
    assert part(archive, "account")["email"] == "sam@example.com"
    assert [m["body"] for m in part(archive, "messages")] == [
        "Sam asks: Tuesday?",
        "Elena answers: Tuesday.",
    ]
    assert [m["from"] for m in part(archive, "messages")] == ["you", "the other side"]
    assert part(archive, "reviews_written")[0]["text"] == "Sam says: Elena wrote a clear piece."
    assert part(archive, "reviews_received")[0]["text"] == "Elena says: Sam briefs well."
    assert part(archive, "jobs")["attachments"][0]["name"] == "brief.pdf"
    assert "files/jobs/" + worked_together["attachment"].file.name.rsplit("/", 1)[1] in names
    assert part(archive, "proposals")["messages"][0]["body"] == "Elena proposes: a Monday start."
    assert part(archive, "favourites")[0]["kind"] == "service"
    assert part(archive, "saved_searches")[0]["name"] == "Sam's news search"
    assert part(archive, "profile") is None  # Sam offers no services

    everything = b"".join(archive.read(name) for name in names).decode("utf-8", "replace")
    for others in (
        "elena@example.com",
        "oscar@example.com",
        "Oscar's private",
        "Elena's job alert",
    ):
        assert others not in everything


def test_the_freelancers_export_has_her_profile_services_samples_and_files(
    client, freelancer, worked_together, committed
):
    archive = downloaded_zip(client, freelancer, committed)
    names = set(archive.namelist())
    assert part(archive, "profile")["display_name"] == "Elena Marsh"
    assert part(archive, "services")[0]["title"] == "I will write your news"
    assert part(archive, "samples")[0]["title"] == "Budget day"
    avatar, resume = worked_together["elenas_files"]
    assert f"files/profile/{avatar.rsplit('/', 1)[1]}" in names
    assert f"files/profile/{resume.rsplit('/', 1)[1]}" in names
    # Her engagements include Oscar's, as her work; his private messages to her are hers too.
    assert len(part(archive, "engagements")) == 2
    everything = b"".join(archive.read(name) for name in names).decode("utf-8", "replace")
    assert "sam@example.com" not in everything and "oscar@example.com" not in everything
    assert "Sam's news search" not in everything


def test_asking_again_while_one_is_valid_gives_the_same_export(client, hiring_client, committed):
    ask_for_export(client, hiring_client, committed)
    ask_for_export(client, hiring_client, committed)
    assert DataExport.objects.filter(user=hiring_client).count() == 1
    assert Event.objects.filter(action_name=Action.DATA_EXPORT_REQUESTED).count() == 1


def test_only_its_owner_downloads_an_export(client, hiring_client, outsider, staff, committed):
    ask_for_export(client, hiring_client, committed)
    url = reverse("accounts:export-download", args=[DataExport.objects.get().pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for other in (outsider, staff):
        browser = Client()
        browser.force_login(other)
        assert browser.get(url).status_code == 404


def test_an_export_expires_after_a_day_and_is_pruned(client, hiring_client, committed, settings):
    ask_for_export(client, hiring_client, committed)
    export = DataExport.objects.get()
    assert export.expires_at - export.ready_at == timedelta(hours=settings.DATA_EXPORT_HOURS)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    url = reverse("accounts:export-download", args=[export.pk])
    assert client.get(url).status_code == 410
    stored = export.file.name
    assert prune_data_exports() == 1
    assert not export.file.storage.exists(stored)


def test_asking_for_an_export_confirms_identity_first(client, hiring_client):
    client.force_login(hiring_client)
    response = client.post(reverse("accounts:export-request"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not DataExport.objects.exists()
