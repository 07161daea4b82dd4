"""A proposal's private thread through the API: the same rules as the page and as an
engagement's thread (jobs_proposals_messages_list / _create)."""

import pytest

from jobs import posting
from jobs.models import Proposal, ProposalMessage
from tests.factories import ProfileFactory, ProposalMessageFactory, ServiceFactory
from tests.jobs.state import database_state
from tests.support.api import error_of

pytestmark = pytest.mark.django_db


def url(proposal) -> str:
    return f"/api/v1/jobs/proposals/{proposal.pk}/messages/"


@pytest.fixture
def other_freelancer(articles):
    return ServiceFactory(owner=ProfileFactory(), category=articles).owner.user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("outsider", 404),
        ("other_freelancer", 404),
        ("staff", 403),
        ("hiring_client", 201),
        ("freelancer", 201),
    ],
)
def test_who_may_write(as_user, request, proposal, who, status):
    api = as_user(None if who == "anonymous" else request.getfixturevalue(who))
    before = database_state()
    response = api.post(url(proposal), {"body": "Could you start Monday?"}, format="json")
    assert response.status_code == status
    if status == 201:
        side = "client" if who == "hiring_client" else "freelancer"
        assert response.json()["sender_side"] == side
        assert response.json()["body"] == "Could you start Monday?"
    else:
        error_of(response)
        assert database_state() == before
        assert not ProposalMessage.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("outsider", 404),
        ("other_freelancer", 404),
        ("staff", 200),
        ("hiring_client", 200),
        ("freelancer", 200),
    ],
)
def test_who_may_read(as_user, request, proposal, who, status):
    ProposalMessageFactory(proposal=proposal)
    response = as_user(None if who == "anonymous" else request.getfixturevalue(who)).get(
        url(proposal)
    )
    assert response.status_code == status
    if status == 200:
        (message,) = response.json()["results"]
        assert message["sender_name"] == "Elena Marsh" and message["sender_side"] == "freelancer"


def test_reading_marks_read_for_the_reader(as_user, proposal, hiring_client):
    ProposalMessageFactory(proposal=proposal)
    assert Proposal.objects.with_unread_count(hiring_client).get().unread_count == 1
    as_user(hiring_client).get(url(proposal))
    assert Proposal.objects.with_unread_count(hiring_client).get().unread_count == 0


def test_a_closed_jobs_thread_is_a_409(as_user, proposal, hiring_client, freelancer):
    posting.close_job(job=proposal.job, by=hiring_client)
    response = as_user(freelancer).post(url(proposal), {"body": "Still there?"}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "closed"


@pytest.mark.parametrize("body", ["", "   ", "x" * 5_001, "nul\x00byte"])
def test_bad_bodies_are_a_400_with_the_fields_message(as_user, proposal, freelancer, body):
    response = as_user(freelancer).post(url(proposal), {"body": body}, format="json")
    assert response.status_code == 400
    assert "body" in error_of(response).get("errors", {})
    assert not ProposalMessage.objects.exists()


def test_a_repeated_message_with_one_idempotency_key_is_sent_once(
    as_user, proposal, freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    api = as_user(freelancer)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            api.post(url(proposal), {"body": "Hello"}, format="json", HTTP_IDEMPOTENCY_KEY="m-1")
            for _ in range(3)
        ]
    assert [r.status_code for r in responses] == [201, 201, 201]
    assert responses[2]["Idempotent-Replayed"] == "true"
    assert ProposalMessage.objects.count() == 1 and len(mailoutbox) == 1


def test_the_proposal_links_its_thread(as_user, proposal, freelancer):
    data = as_user(freelancer).get(f"/api/v1/jobs/proposals/{proposal.pk}/").json()
    assert data["messages_url"].endswith(url(proposal))


@pytest.mark.parametrize("count", [1, 30])
def test_the_thread_runs_a_fixed_number_of_queries(
    as_user, proposal, hiring_client, django_assert_max_num_queries, count
):
    ProposalMessageFactory.create_batch(count, proposal=proposal)
    api = as_user(hiring_client)
    with django_assert_max_num_queries(7):
        assert len(api.get(url(proposal)).json()["results"]) == min(count, 20)  # a page


def test_proposals_carry_the_readers_unread_count(as_user, proposal, hiring_client, freelancer):
    ProposalMessageFactory.create_batch(2, proposal=proposal)  # from the freelancer
    listed = as_user(hiring_client).get(f"/api/v1/jobs/{proposal.job_id}/proposals/").json()
    assert listed["results"][0]["unread_count"] == 2
    mine = as_user(freelancer).get("/api/v1/jobs/proposals/mine/").json()
    assert mine["results"][0]["unread_count"] == 0
