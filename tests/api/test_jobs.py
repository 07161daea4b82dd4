"""Jobs and proposals through the API: the same workflows and rules as the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs import search
from jobs.models import Invitation, JobPost
from services.publishing import pause_service
from tests.factories import (
    JobPostFactory,
    ProposalFactory,
    ServiceFactory,
    SkillFactory,
    WritingSampleFactory,
)
from tests.jobs.state import database_state
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
JOBS = "/api/v1/jobs/"
NEW_JOB = {
    "title": "Five articles on local elections",
    "category": "articles-news",
    "brief": "Five articles of 800 words each for a regional paper's readers.",
    "budget_basis": "fixed",
    "budget_amount": "500.00",
    "skills": ["News Writing"],
}
NEW_PROPOSAL = {
    "cover_letter": "I have covered three elections for regional papers.",
    "price": "450.00",
    "basis": "fixed",
    "duration_days": 10,
    "service": "i-will-write-your-news",
}


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_the_whole_flow_by_operation(
    as_user,
    hiring_client,
    freelancer,
    sample,
    articles,
    news_writing,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """jobs_create → jobs_list → jobs_proposals_create → jobs_proposals_list →
    jobs_proposals_shortlist → jobs_proposals_hire → engagements_deliver/complete → review."""
    client_api = as_user(hiring_client)
    created = client_api.post(JOBS, NEW_JOB, format="json")
    assert created.status_code == 201, created.json()
    job_url = created["Location"]
    assert created.json()["status"] == "open" and created.json()["skills"] == ["News Writing"]

    freelancer_api = as_user(freelancer)
    found = freelancer_api.get(JOBS, {"q": "elections", "skill": "news-writing"})
    (listed,) = found.json()["results"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = freelancer_api.post(
            listed["proposals_url"], {**NEW_PROPOSAL, "samples": ["budget-day"]}, format="json"
        )
    assert sent.status_code == 201, sent.json()
    assert sent.json()["samples"][0].endswith("/budget-day/")
    assert any("New proposal" in email.subject for email in mailoutbox)

    client_api = as_user(hiring_client)
    (compared,) = client_api.get(listed["proposals_url"]).json()["results"]
    assert compared["price"] == "450.00" and compared["completed_engagements"] == 0
    assert client_api.post(compared["url"] + "shortlist/").json()["status"] == "shortlisted"
    hired = client_api.post(compared["url"] + "hire/")
    assert hired.status_code == 201
    engagement = hired.json()
    assert engagement["state"] == "accepted" and engagement["quoted_amount"] == "450.00"
    assert client_api.get(job_url).json()["status"] == "filled"

    assert as_user(freelancer).post(engagement["url"] + "deliver/").status_code == 200
    client_api = as_user(hiring_client)
    assert client_api.post(engagement["url"] + "complete/").json()["can_review"] is True
    review = client_api.post(
        "/api/v1/reviews/",
        {"engagement": engagement["id"], "rating": 5, "text": "Clear, fast, well sourced."},
        format="json",
    )
    assert review.status_code == 201, review.json()


def test_a_draft_waits_until_published(as_user, hiring_client, articles):
    api = as_user(hiring_client)
    draft = api.post(JOBS, {**NEW_JOB, "publish": False}, format="json").json()
    assert draft["status"] == "draft"
    assert as_user(None).get(JOBS).json()["count"] == 0
    assert as_user(hiring_client).post(draft["url"] + "publish/").json()["status"] == "open"
    assert as_user(None).get(JOBS).json()["count"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"budget_amount": None}, "budget_amount"),
        ({"budget_basis": "hourly", "hourly_min": "30", "hourly_max": "20"}, "hourly_max"),
        ({"title": "<b>Bold</b>"}, "title"),
        ({"title": "Nul\x00byte"}, "title"),
        ({"brief": "short"}, "brief"),
        ({"category": "not a slug"}, "category"),
        ({"budget_amount": 500}, "budget_amount"),
        ({"brief": "x" * 10_001}, "brief"),
    ],
)
def test_bad_jobs_are_refused_field_by_field(as_user, hiring_client, articles, change, field):
    response = as_user(hiring_client).post(JOBS, {**NEW_JOB, **change}, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["errors"]
    assert not JobPost.objects.exists()


def test_a_well_formed_category_that_names_nothing_is_a_404_with_the_field(
    as_user, hiring_client, articles
):
    response = as_user(hiring_client).post(JOBS, {**NEW_JOB, "category": "nowhere"}, format="json")
    assert response.status_code == 404
    assert "category" in error_of(response)["errors"]
    assert not JobPost.objects.exists()


def test_a_skill_filter_that_names_no_skill_is_a_404_like_a_service_searchs(api, db):
    response = api.get(JOBS, {"skill": "0"})
    assert response.status_code == 404
    assert "skill" in error_of(response)["errors"]


def test_bad_filters_are_a_400_with_messages(api, db):
    response = api.get(JOBS, {"min_budget": "lots", "posted_within": "9"})
    assert response.status_code == 400
    assert set(error_of(response)["errors"]) == {"min_budget", "posted_within"}


def test_proposing_rules(as_user, job, freelancer, hiring_client, outsider, service):
    url = f"{JOBS}{job.pk}/proposals/"
    response = as_user(outsider).post(url, NEW_PROPOSAL, format="json")
    assert (response.status_code, error_of(response)["code"]) == (403, "not_freelancer")
    # A slug that names none of one's own services names nothing: a 404, as everywhere.
    response = as_user(freelancer).post(url, {**NEW_PROPOSAL, "service": "not-mine"}, format="json")
    assert response.status_code == 404 and "service" in error_of(response)["errors"]
    response = as_user(freelancer).post(
        url, {**NEW_PROPOSAL, "service": "not a slug"}, format="json"
    )
    assert response.status_code == 400 and "service" in error_of(response)["errors"]
    assert as_user(freelancer).post(url, NEW_PROPOSAL, format="json").status_code == 201
    response = as_user(freelancer).post(url, NEW_PROPOSAL, format="json")
    assert (response.status_code, error_of(response)["code"]) == (409, "duplicate")
    own = JobPostFactory(client=freelancer)
    response = as_user(freelancer).post(f"{JOBS}{own.pk}/proposals/", NEW_PROPOSAL, format="json")
    assert (response.status_code, error_of(response)["code"]) == (403, "own_job")


def test_a_closed_job_freezes_its_proposals(as_user, proposal, hiring_client, freelancer):
    assert as_user(hiring_client).post(f"{JOBS}{proposal.job_id}/close/").status_code == 200
    response = as_user(freelancer).post(f"{JOBS}proposals/{proposal.pk}/withdraw/")
    assert (response.status_code, error_of(response)["code"]) == (409, "closed")
    response = as_user(hiring_client).post(f"{JOBS}proposals/{proposal.pk}/hire/")
    assert (response.status_code, error_of(response)["code"]) == (409, "closed")


def test_the_freelancer_edits_and_lists_their_proposals(as_user, proposal, freelancer):
    api = as_user(freelancer)
    edited = api.patch(f"{JOBS}proposals/{proposal.pk}/", {"price": "399.00"}, format="json")
    assert edited.status_code == 200 and edited.json()["price"] == "399.00"
    assert ids(api.get(f"{JOBS}proposals/mine/")) == [proposal.pk]


def test_a_proposal_whose_service_was_paused_since_is_a_409_not_bad_input(
    as_user, proposal, freelancer, service
):
    # An edit of the price failed as "invalid" (400) on the service it did not touch.
    pause_service(service=service)
    api = as_user(freelancer)
    edited = api.patch(f"{JOBS}proposals/{proposal.pk}/", {"price": "399.00"}, format="json")
    assert edited.status_code == 409
    assert error_of(edited)["code"] == "unavailable"


def test_a_new_proposal_under_ones_own_paused_service_names_nothing(
    as_user, job, freelancer, service
):
    # It was a 400 "Select a valid choice" for a slug the schema allows, where any other
    # service one may not propose with is a 404.
    pause_service(service=service)
    response = as_user(freelancer).post(
        f"{JOBS}{job.pk}/proposals/", {**NEW_PROPOSAL, "service": service.slug}, format="json"
    )
    assert response.status_code == 404
    assert set(error_of(response)["errors"]) == {"service"}


def test_invitations_open_an_invite_only_job(as_user, job, hiring_client, freelancer, profile):
    JobPost.objects.filter(pk=job.pk).update(visibility="invite_only")
    assert as_user(freelancer).get(f"{JOBS}{job.pk}/").status_code == 404
    response = as_user(hiring_client).post(
        f"{JOBS}{job.pk}/invitations/", {"freelancer": "elena"}, format="json"
    )
    assert response.status_code == 201
    assert as_user(freelancer).get(f"{JOBS}{job.pk}/").status_code == 200
    assert ids(as_user(freelancer).get(JOBS)) == [job.pk]
    assert ids(as_user(None).get(JOBS)) == []


def test_the_freelancer_lists_the_invitations_they_received(
    as_user, job, hiring_client, freelancer, profile, outsider
):
    JobPost.objects.filter(pk=job.pk).update(visibility="invite_only")
    api = as_user(hiring_client)
    api.post(f"{JOBS}{job.pk}/invitations/", {"freelancer": profile.slug}, format="json")
    listed = as_user(freelancer).get(f"{JOBS}invitations/mine/").json()["results"]
    assert [(item["job_title"], item["job_status"]) for item in listed] == [(job.title, "open")]
    assert listed[0]["client_name"] == hiring_client.public_name
    assert listed[0]["client_page_url"].endswith(f"/clients/{hiring_client.username}/")
    assert listed[0]["job_page_url"].endswith(job.get_absolute_url())
    assert (listed[0]["proposal"], listed[0]["seen_at"]) == (None, None)  # listing marks none
    sent = as_user(freelancer).post(f"{JOBS}{job.pk}/proposals/", NEW_PROPOSAL, format="json")
    assert sent.status_code == 201, sent.json()
    listed = as_user(freelancer).get(f"{JOBS}invitations/mine/").json()["results"]
    assert listed[0]["proposal"] == sent.json()["url"]
    for reader in (outsider, hiring_client):
        assert ids(as_user(reader).get(f"{JOBS}invitations/mine/")) == []


# The access matrix: every endpoint, every kind of caller. "owner" is the job's client for
# job endpoints and the proposal's freelancer for theirs.
READS = [
    # (path, {caller: status})
    ("{job}/", {"anonymous": 200, "outsider": 200, "owner": 200, "staff": 200}),
    ("{draft}/", {"anonymous": 404, "outsider": 404, "owner": 200, "staff": 200}),
    ("{job}/proposals/", {"anonymous": 401, "outsider": 404, "owner": 200, "staff": 200}),
    ("proposals/{proposal}/", {"anonymous": 401, "outsider": 404, "owner": 200, "staff": 200}),
    ("mine/", {"anonymous": 401, "outsider": 200, "owner": 200, "staff": 200}),
    ("proposals/mine/", {"anonymous": 401, "outsider": 200, "owner": 200, "staff": 200}),
    ("invitations/mine/", {"anonymous": 401, "outsider": 200, "owner": 200, "staff": 200}),
]
WRITES = [
    # (method, path, body, owner fixture, owner's status)
    ("patch", "{job}/", {"title": "A new title"}, "hiring_client", 200),
    ("post", "{job}/close/", {}, "hiring_client", 200),
    ("post", "{draft}/publish/", {}, "hiring_client", 200),
    ("post", "{job}/invitations/", {"freelancer": "elena"}, "hiring_client", 201),
    ("post", "proposals/{proposal}/shortlist/", {}, "hiring_client", 200),
    ("post", "proposals/{proposal}/decline/", {"reason": "No."}, "hiring_client", 200),
    ("post", "proposals/{proposal}/hire/", {}, "hiring_client", 201),
    ("patch", "proposals/{proposal}/", {"price": "300.00"}, "freelancer", 200),
    ("post", "proposals/{proposal}/withdraw/", {}, "freelancer", 200),
]


@pytest.fixture
def objects(job, proposal, hiring_client):
    draft = JobPostFactory(client=hiring_client, status="draft", published_at=None)
    return {"job": job.pk, "proposal": proposal.pk, "draft": draft.pk}


def _caller(request, who: str, owner_fixture: str = "hiring_client"):
    names = {"anonymous": None, "owner": owner_fixture}
    name = names.get(who, who)
    return request.getfixturevalue(name) if name else None


@pytest.mark.parametrize(("path", "expected"), READS, ids=[r[0] for r in READS])
@pytest.mark.parametrize("who", ["anonymous", "outsider", "owner", "staff"])
def test_who_reads_what(request, as_user, objects, path, expected, who):
    owner = "freelancer" if path.startswith("proposals/{") else "hiring_client"
    response = as_user(_caller(request, who, owner)).get(JOBS + path.format(**objects))
    assert response.status_code == expected[who]


@pytest.mark.parametrize(
    ("method", "path", "body", "owner", "status"), WRITES, ids=[f"{w[0]} {w[1]}" for w in WRITES]
)
@pytest.mark.parametrize("who", ["anonymous", "outsider", "staff", "other side", "owner"])
def test_who_changes_what(request, as_user, objects, method, path, body, owner, status, who):
    other = "freelancer" if owner == "hiring_client" else "hiring_client"
    caller = _caller(request, other if who == "other side" else who, owner)
    before = database_state()
    response = getattr(as_user(caller), method)(JOBS + path.format(**objects), body, format="json")
    if who == "owner":
        assert response.status_code == status, response.json()
        assert database_state() != before
    else:
        assert response.status_code == (401 if who == "anonymous" else 404)
        assert database_state() == before


# Query counts: the same for one item as for many.
MANY = 30


def _jobs(ctx, n):
    skills = SkillFactory.create_batch(2)
    jobs = [
        JobPostFactory(client=ctx["client"], category=ctx["category"], skills=skills)
        for _ in range(n)
    ]
    search.refresh_search_vectors(job_ids=[job.pk for job in jobs])  # as posting does


def _proposals(ctx, n):
    for _ in range(n):
        sent = ProposalFactory(job=ctx["job"])
        sent.samples.set(WritingSampleFactory.create_batch(2, profile=sent.freelancer))


def _own_proposals(ctx, n):
    for _ in range(n):
        ProposalFactory(service=ServiceFactory(owner=ctx["profile"]))


def _own_invitations(ctx, n):
    for index in range(n):
        job = JobPostFactory()
        Invitation.objects.create(job=job, freelancer=ctx["profile"])
        if index % 2:
            ProposalFactory(job=job, service=ServiceFactory(owner=ctx["profile"]))


LISTS = {
    "jobs": (JOBS, _jobs, "freelancer"),
    "jobs searched": (JOBS + "?q=articles&sort=budget_high", _jobs, "freelancer"),
    "my jobs": (JOBS + "mine/", _jobs, "hiring_client"),
    "proposals": (JOBS + "{job}/proposals/", _proposals, "hiring_client"),
    "my proposals": (JOBS + "proposals/mine/", _own_proposals, "freelancer"),
    "my invitations": (JOBS + "invitations/mine/", _own_invitations, "freelancer"),
}


def _count(api, url):
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{url}{separator}page_size={MANY + 5}")
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("name", LISTS)
def test_lists_run_the_same_queries_for_one_item_and_for_many(
    request, as_user, name, hiring_client, profile, articles
):
    url, add, reader = LISTS[name]
    ctx = {"client": hiring_client, "category": articles, "profile": profile}
    ctx["job"] = JobPostFactory(client=hiring_client, category=articles, title="Articles wanted")
    url = url.format(job=ctx["job"].pk)
    api = as_user(request.getfixturevalue(reader))
    add(ctx, 1)
    one, shown_one = _count(api, url)
    add(ctx, MANY)
    many, shown_many = _count(api, url)
    assert shown_many > shown_one
    assert many == one <= 10, f"{name}: {one} queries for {shown_one}, {many} for {shown_many}"


def test_a_partial_update_keeps_what_it_does_not_send(as_user, job, hiring_client):
    response = as_user(hiring_client).patch(
        f"{JOBS}{job.pk}/",
        {
            "budget_basis": "hourly",
            "hourly_min": "20.00",
            "hourly_max": "30.00",
            "estimated_hours": 12,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["skills"] == ["News Writing"] and body["title"] == job.title
    assert (body["budget_amount"], body["estimated_hours"]) == (None, 12)
    response = as_user(hiring_client).patch(
        f"{JOBS}{job.pk}/", {"hourly_max": "10.00"}, format="json"
    )
    assert response.status_code == 400 and "hourly_max" in error_of(response)["errors"]
