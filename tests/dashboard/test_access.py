"""Who can use each mutating dashboard URL: anonymous visitors, other users, the owner.

Staff have no dashboard powers over other people's things: they use the admin.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from profiles import uploads
from profiles.models import Profile
from services.models import ServiceStatus
from tests.dashboard import forms_data
from tests.dashboard.state import database_state
from tests.upload_files import files_under, jpeg_bytes, pdf_bytes, upload
from uploads.images import avatar_version, banner_version

# URLs of one owned object: (url name, "service" | "sample", post data for the owner).
OBJECT_URLS = [
    ("dashboard:service_edit", "service", lambda o: forms_data.service_post(o["category"])),
    ("dashboard:service_publish", "service", lambda o: {}),
    ("dashboard:service_pause", "service", lambda o: {}),
    ("dashboard:service_delete", "service", lambda o: {}),
    ("dashboard:sample_edit", "sample", lambda o: forms_data.sample_post()),
    ("dashboard:sample_delete", "sample", lambda o: {}),
]
# URLs about the signed-in freelancer's own profile: (url name, post data).
PROFILE_URLS = [
    ("dashboard:profile", lambda o: forms_data.profile_post(display_name="Changed")),
    ("dashboard:avatar_upload", lambda o: forms_data.avatar_post()),
    ("dashboard:avatar_remove", lambda o: {}),
    ("dashboard:banner_upload", lambda o: forms_data.banner_post()),
    ("dashboard:banner_remove", lambda o: {}),
    ("dashboard:resume_upload", lambda o: forms_data.resume_post()),
    ("dashboard:resume_remove", lambda o: {}),
    ("dashboard:service_create", lambda o: forms_data.service_post(o["category"])),
    ("dashboard:sample_create", lambda o: forms_data.sample_post()),
]
POST_ONLY = {
    "dashboard:service_publish",
    "dashboard:service_pause",
    "dashboard:avatar_upload",
    "dashboard:avatar_remove",
    "dashboard:banner_upload",
    "dashboard:banner_remove",
    "dashboard:resume_upload",
    "dashboard:resume_remove",
    "dashboard:become_freelancer",
}


@pytest.fixture
def objects(owner, service, sample):
    return {"service": service, "sample": sample, "category": service.category, "owner": owner}


@pytest.fixture
def owner_with_files(owner):
    uploads.replace_avatar(profile=owner, avatar=avatar_version(upload("a.jpg", jpeg_bytes())))
    uploads.replace_banner(profile=owner, banner=banner_version(upload("b.jpg", jpeg_bytes())))
    uploads.replace_resume(profile=owner, resume=pdf_bytes())
    return owner


def object_url(name: str, kind: str, objects: dict) -> str:
    return reverse(name, kwargs={"slug": objects[kind].slug})


def all_files(settings) -> set[str]:
    return files_under(settings.MEDIA_ROOT) | files_under(settings.PRIVATE_MEDIA_ROOT)


# Anonymous visitors


@pytest.mark.parametrize(("name", "kind", "data"), OBJECT_URLS)
def test_anonymous_visitors_are_sent_to_sign_in_from_object_urls(client, objects, name, kind, data):
    url = object_url(name, kind, objects)
    before = database_state()
    response = client.post(url, data(objects))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert database_state() == before


@pytest.mark.parametrize(("name", "data"), PROFILE_URLS)
def test_anonymous_visitors_are_sent_to_sign_in_from_profile_urls(
    client, settings, owner_with_files, objects, name, data
):
    before, files_before = database_state(), all_files(settings)
    response = client.post(reverse(name), data(objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert database_state() == before
    assert all_files(settings) == files_before


def test_anonymous_visitors_cannot_become_freelancers(client, db):
    response = client.post(reverse("dashboard:become_freelancer"))
    assert response["Location"].startswith(reverse("account_login"))
    assert not Profile.objects.exists()


# Other users: another freelancer, a client, staff


@pytest.mark.parametrize("who", ["outsider", "hirer", "staff"])
@pytest.mark.parametrize(("name", "kind", "data"), OBJECT_URLS)
def test_other_users_get_404_from_someone_elses_objects(
    client, request, objects, who, name, kind, data
):
    other = request.getfixturevalue(who)
    client.force_login(other if isinstance(other, get_user_model()) else other.user)
    before = database_state()
    assert client.post(object_url(name, kind, objects), data(objects)).status_code == 404
    assert client.get(object_url(name, kind, objects)).status_code in (404, 405)
    assert database_state() == before


@pytest.mark.parametrize("who", ["outsider", "hirer", "staff"])
def test_other_users_get_404_from_a_draft_preview(client, request, objects, who):
    objects["service"].status = ServiceStatus.DRAFT
    objects["service"].save()
    other = request.getfixturevalue(who)
    client.force_login(other if isinstance(other, get_user_model()) else other.user)
    url = reverse("dashboard:service_preview", kwargs={"slug": objects["service"].slug})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("name", "data"), PROFILE_URLS)
def test_another_freelancer_only_ever_changes_their_own_profile(
    client, settings, owner_with_files, outsider, objects, name, data
):
    owner_state = {
        "profile": Profile.objects.filter(pk=owner_with_files.pk).values().get(),
        "services": list(owner_with_files.services.values()),
        "samples": list(owner_with_files.writing_samples.values()),
    }
    owner_files = {
        field: getattr(owner_with_files, field).name
        for field in ("avatar", "avatar_thumbnail", "banner", "resume")
    }
    client.force_login(outsider.user)
    response = client.post(reverse(name), data(objects))
    assert response.status_code == 302
    owner_with_files.refresh_from_db()
    assert owner_state == {
        "profile": Profile.objects.filter(pk=owner_with_files.pk).values().get(),
        "services": list(owner_with_files.services.values()),
        "samples": list(owner_with_files.writing_samples.values()),
    }
    for field, name_before in owner_files.items():
        assert getattr(owner_with_files, field).storage.exists(name_before)


@pytest.mark.parametrize(("name", "data"), PROFILE_URLS)
def test_a_client_without_a_profile_is_sent_to_the_dashboard_and_nothing_changes(
    client, settings, hirer, objects, name, data
):
    client.force_login(hirer)
    before, files_before = database_state(), all_files(settings)
    response = client.post(reverse(name), data(objects), follow=True)
    assert response.redirect_chain[0] == (reverse("dashboard:home"), 302)
    assert "Become a freelancer first" in response.content.decode()
    assert database_state() == before
    assert all_files(settings) == files_before


# The owner


@pytest.mark.parametrize(("name", "kind", "data"), OBJECT_URLS)
def test_the_owner_can_use_every_object_url(client, objects, name, kind, data):
    if name == "dashboard:service_publish":
        objects["service"].status = ServiceStatus.DRAFT
        objects["service"].save()
    client.force_login(objects["owner"].user)
    before = database_state()
    response = client.post(object_url(name, kind, objects), data(objects))
    assert response.status_code == 302
    assert database_state() != before


@pytest.mark.parametrize(("name", "data"), PROFILE_URLS)
def test_the_owner_can_use_every_profile_url(client, owner_with_files, objects, name, data):
    client.force_login(owner_with_files.user)
    before = database_state()
    response = client.post(reverse(name), data(objects))
    assert response.status_code == 302
    assert database_state() != before


def test_a_client_can_become_a_freelancer(client, hirer):
    client.force_login(hirer)
    response = client.post(reverse("dashboard:become_freelancer"))
    assert response["Location"] == reverse("dashboard:profile")
    assert Profile.objects.get(user=hirer).slug == hirer.username


# Methods and CSRF


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_state_changes_refuse_get(client, objects, name):
    client.force_login(objects["owner"].user)
    kwargs = {"slug": objects["service"].slug} if name.startswith("dashboard:service_") else {}
    before = database_state()
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 405
    assert database_state() == before


@pytest.mark.parametrize(
    "url_of",
    [
        *[
            (lambda objects, n=name, k=kind: object_url(n, k, objects))
            for name, kind, _ in OBJECT_URLS
        ],
        *[(lambda objects, n=name: reverse(n)) for name, _ in PROFILE_URLS],
        lambda objects: reverse("dashboard:become_freelancer"),
    ],
)
def test_every_state_change_needs_the_csrf_token(objects, url_of):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(objects["owner"].user)
    before = database_state()
    assert browser.post(url_of(objects), {}).status_code == 403
    assert database_state() == before
