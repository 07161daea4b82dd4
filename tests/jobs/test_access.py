"""Who can use each jobs URL: anonymous visitors, outsiders, staff (read-only), the owner.

Every refused request leaves the database as it was (a before/after snapshot).
"""

import pytest
from django.urls import reverse

from tests.jobs.state import database_state

pytestmark = pytest.mark.django_db


def _job_data(job):
    return {
        "title": "A changed title",
        "category": job.category_id,
        "brief": "A changed brief that is long enough to be accepted.",
        "budget_basis": "fixed",
        "budget_amount": "600",
        "currency": "USD",
        "visibility": "public",
    }


def _proposal_data(proposal):
    return {
        "cover_letter": "A changed cover letter, long enough to pass.",
        "price": "420",
        "basis": "fixed",
        "duration_days": "9",
        "service": proposal.service_id,
    }


# The client's URLs: (url name, object, args from the object, POST data).
CLIENT_POSTS = [
    ("jobs:edit", "job", lambda o: [o.pk], _job_data),
    ("jobs:close", "job", lambda o: [o.pk], lambda o: {}),
    ("jobs:publish", "draft", lambda o: [o.pk], lambda o: {}),
    ("jobs:decide", "proposal", lambda o: [o.pk, "shortlist"], lambda o: {}),
    ("jobs:decide", "proposal", lambda o: [o.pk, "decline"], lambda o: {"reason": "No."}),
    ("jobs:decide", "proposal", lambda o: [o.pk, "hire"], lambda o: {}),
]
# The freelancer's URLs.
FREELANCER_POSTS = [
    ("jobs:edit_proposal", "proposal", lambda o: [o.pk], _proposal_data),
    ("jobs:withdraw", "proposal", lambda o: [o.pk], lambda o: {}),
]
ALL_POSTS = CLIENT_POSTS + FREELANCER_POSTS
IDS = ["edit", "close", "publish", "shortlist", "decline", "hire", "edit_proposal", "withdraw"]


@pytest.fixture
def objects(job, proposal, hiring_client):
    from tests.factories import JobPostFactory

    draft = JobPostFactory(client=hiring_client, status="draft", published_at=None)
    return {"job": job, "proposal": proposal, "draft": draft}


def _url(name, kind, args, objects):
    return reverse(name, args=args(objects[kind]))


@pytest.mark.parametrize(("name", "kind", "args", "data"), ALL_POSTS, ids=IDS)
def test_anonymous_visitors_are_sent_to_sign_in(client, objects, name, kind, args, data):
    url = _url(name, kind, args, objects)
    before = database_state()
    response = client.post(url, data(objects[kind]))
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert database_state() == before


@pytest.mark.parametrize("who", ["outsider", "staff"])
@pytest.mark.parametrize(("name", "kind", "args", "data"), ALL_POSTS, ids=IDS)
def test_outsiders_and_staff_change_nothing(client, request, objects, who, name, kind, args, data):
    client.force_login(request.getfixturevalue(who))
    before = database_state()
    response = client.post(_url(name, kind, args, objects), data(objects[kind]))
    assert response.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize(("name", "kind", "args", "data"), CLIENT_POSTS, ids=IDS[:6])
def test_the_freelancer_cannot_use_the_clients_urls(
    client, freelancer, objects, name, kind, args, data
):
    client.force_login(freelancer)
    before = database_state()
    assert client.post(_url(name, kind, args, objects), data(objects[kind])).status_code == 404
    assert database_state() == before


@pytest.mark.parametrize(("name", "kind", "args", "data"), FREELANCER_POSTS, ids=IDS[6:])
def test_the_client_cannot_use_the_freelancers_urls(
    client, hiring_client, objects, name, kind, args, data
):
    client.force_login(hiring_client)
    before = database_state()
    assert client.post(_url(name, kind, args, objects), data(objects[kind])).status_code == 404
    assert database_state() == before


@pytest.mark.parametrize(("name", "kind", "args", "data"), CLIENT_POSTS, ids=IDS[:6])
def test_the_client_uses_every_client_url(client, hiring_client, objects, name, kind, args, data):
    client.force_login(hiring_client)
    before = database_state()
    assert client.post(_url(name, kind, args, objects), data(objects[kind])).status_code == 302
    assert database_state() != before


@pytest.mark.parametrize(("name", "kind", "args", "data"), FREELANCER_POSTS, ids=IDS[6:])
def test_the_freelancer_uses_every_freelancer_url(
    client, freelancer, objects, name, kind, args, data
):
    client.force_login(freelancer)
    before = database_state()
    assert client.post(_url(name, kind, args, objects), data(objects[kind])).status_code == 302
    assert database_state() != before


# Pages to read


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 404), ("freelancer", 404), ("staff", 200), ("client", 200)],
)
def test_only_the_client_and_staff_read_the_proposals(
    client, as_user, objects, request, who, status
):
    users = {"anonymous": None, "client": "hiring_client"}
    fixture = users.get(who, who)
    browser = as_user(request.getfixturevalue(fixture) if fixture else None)
    response = browser.get(reverse("jobs:proposals", args=[objects["job"].pk]))
    assert response.status_code == status
    if status == 200:
        assert "Elena Marsh" in response.content.decode()
        # Staff read; only the client gets the buttons.
        assert ("Hire Elena Marsh" in response.content.decode()) == (who == "client")


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 404), ("freelancer", 200), ("staff", 200), ("client", 200)],
)
def test_a_proposal_is_read_by_its_freelancer_the_client_and_staff(
    as_user, objects, request, who, status
):
    users = {"anonymous": None, "client": "hiring_client"}
    fixture = users.get(who, who)
    browser = as_user(request.getfixturevalue(fixture) if fixture else None)
    response = browser.get(reverse("jobs:proposal", args=[objects["proposal"].pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("outsider", 404), ("freelancer", 404), ("staff", 200), ("client", 200)],
)
def test_a_draft_is_seen_by_its_client_and_staff_only(as_user, objects, request, who, status):
    users = {"anonymous": None, "client": "hiring_client"}
    fixture = users.get(who, who)
    browser = as_user(request.getfixturevalue(fixture) if fixture else None)
    assert browser.get(objects["draft"].get_absolute_url()).status_code == status


@pytest.mark.parametrize("name", ["jobs:post", "jobs:mine"])
def test_signed_in_pages_send_anonymous_visitors_to_sign_in(client, db, name):
    assert client.get(reverse(name))["Location"].startswith(reverse("account_login"))


def test_my_jobs_lists_only_ones_own(client, outsider, objects):
    client.force_login(outsider)
    assert objects["job"].title not in client.get(reverse("jobs:mine")).content.decode()


def test_proposing_without_a_profile_changes_nothing(client, outsider, objects):
    client.force_login(outsider)
    before = database_state()
    url = reverse("jobs:propose", args=[objects["job"].pk])
    assert client.post(url, _proposal_data(objects["proposal"]))["Location"] == (
        objects["job"].get_absolute_url()
    )
    assert database_state() == before


def test_inviting_to_someone_elses_job_changes_nothing(client, outsider, objects, profile):
    client.force_login(outsider)
    before = database_state()
    response = client.post(reverse("jobs:invite", args=[profile.slug]), {"job": objects["job"].pk})
    assert response.status_code == 400  # not one of the outsider's jobs: not a choice
    assert database_state() == before


def test_state_changes_need_post_and_csrf(client, hiring_client, objects):
    client.force_login(hiring_client)
    url = reverse("jobs:close", args=[objects["job"].pk])
    assert client.get(url).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(hiring_client)
    assert strict.post(url).status_code == 403
    objects["job"].refresh_from_db()
    assert objects["job"].status == "open"
