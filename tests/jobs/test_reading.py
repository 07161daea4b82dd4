"""The dashboard's job news: unread messages about proposals, new proposals, decisions and
invitations, each counted until its reader opens the page that shows it."""

import pytest
from django.urls import reverse

from jobs import hiring, inviting
from jobs.reading import news_for
from messaging.threads import post_message
from tests.factories import (
    JobPostFactory,
    ProfileFactory,
    ProposalFactory,
    ProposalMessageFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db
NOTHING = {"unread_messages": 0, "new_proposals": 0, "decisions": 0, "invitations": 0}


def test_a_new_proposal_is_news_to_the_client_until_they_open_the_proposals(
    client, proposal, hiring_client
):
    assert news_for(hiring_client)["new_proposals"] == 1
    client.force_login(hiring_client)
    client.get(reverse("jobs:proposals", args=[proposal.job_id]))
    assert news_for(hiring_client) == NOTHING
    ProposalFactory(job=proposal.job, service=ServiceFactory())
    assert news_for(hiring_client)["new_proposals"] == 1


def test_staff_reading_the_proposals_moves_no_marker(client, proposal, hiring_client, staff):
    client.force_login(staff)
    client.get(reverse("jobs:proposals", args=[proposal.job_id]))
    assert news_for(hiring_client)["new_proposals"] == 1


def test_a_decision_is_news_to_the_freelancer_until_they_open_the_proposal(
    client, proposal, hiring_client, freelancer
):
    hiring.decline(proposal=proposal, by=hiring_client, reason="We chose someone local.")
    assert news_for(freelancer)["decisions"] == 1
    client.force_login(freelancer)
    client.get(proposal.get_absolute_url())
    assert news_for(freelancer) == NOTHING


def test_an_invitation_is_news_until_the_freelancer_opens_the_job(
    client, job, hiring_client, profile, freelancer
):
    inviting.invite(job=job, freelancer=profile, by=hiring_client, message="")
    assert news_for(freelancer)["invitations"] == 1
    client.force_login(freelancer)
    client.get(job.get_absolute_url())
    assert news_for(freelancer)["invitations"] == 0


def test_unread_messages_count_on_both_sides_and_only_the_other_sides(
    proposal, hiring_client, freelancer
):
    post_message(thread=proposal, sender=hiring_client, body="One")
    post_message(thread=proposal, sender=hiring_client, body="Two")
    assert news_for(freelancer)["unread_messages"] == 2
    assert news_for(hiring_client)["unread_messages"] == 0
    post_message(thread=proposal, sender=freelancer, body="Answer")  # read up to here
    assert news_for(freelancer)["unread_messages"] == 0
    assert news_for(hiring_client)["unread_messages"] == 1


def test_the_dashboard_shows_the_counts(client, proposal, hiring_client):
    post_message(thread=proposal, sender=proposal.freelancer.user, body="Hello")
    client.force_login(hiring_client)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "1 new proposal</strong>" in page
    assert "1 unread message</strong> about proposals" in page


def _lots_of_news(hiring_client, freelancer, profile, count: int) -> None:
    """`count` of each kind of news, for both the client and the freelancer."""
    for _ in range(count):
        other = ServiceFactory(owner=ProfileFactory())
        job = JobPostFactory(client=hiring_client)
        proposal = ProposalFactory(job=job, service=other)
        ProposalMessageFactory.create_batch(2, proposal=proposal)
        their_job = JobPostFactory()
        inviting.invite(job=their_job, freelancer=profile, by=their_job.client, message="")
        mine = ProposalFactory(job=their_job, service=profile.services.first())
        hiring.decline(proposal=mine, by=their_job.client, reason="")


@pytest.mark.parametrize("count", [1, 20])
def test_the_news_is_two_queries_whatever_its_size(
    hiring_client, freelancer, profile, django_assert_num_queries, count
):
    _lots_of_news(hiring_client, freelancer, profile, count)
    with django_assert_num_queries(2):
        client_news = news_for(hiring_client)
    with django_assert_num_queries(2):
        freelancer_news = news_for(freelancer)
    assert client_news["new_proposals"] == count
    assert client_news["unread_messages"] == 2 * count
    assert freelancer_news["invitations"] == count
    assert freelancer_news["decisions"] == count


@pytest.mark.parametrize("count", [1, 20])
def test_the_dashboard_home_runs_a_fixed_number_of_queries_with_job_news(
    client, hiring_client, freelancer, profile, django_assert_max_num_queries, count
):
    _lots_of_news(hiring_client, freelancer, profile, count)
    for user in (hiring_client, freelancer):
        client.force_login(user)
        with django_assert_max_num_queries(13):
            client.get(reverse("dashboard:home"))


def test_the_freelancers_proposals_page_shows_decisions_and_unread_messages(
    client, proposal, hiring_client, freelancer
):
    post_message(thread=proposal, sender=hiring_client, body="One question")
    hiring.decline(proposal=proposal, by=hiring_client, reason="")
    client.force_login(freelancer)
    page = client.get(reverse("jobs:my_proposals")).content.decode()
    assert proposal.job.title in page
    assert "1 unread" in page and ">new<" in page
    client.get(proposal.get_absolute_url())
    page = client.get(reverse("jobs:my_proposals")).content.decode()
    assert "unread" not in page and ">new<" not in page


def test_the_proposals_page_is_for_signed_in_users_and_shows_only_ones_own(
    client, proposal, outsider
):
    url = reverse("jobs:my_proposals")
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(outsider)
    assert proposal.job.title not in client.get(url).content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_the_proposals_page_runs_a_fixed_number_of_queries(
    client, freelancer, profile, django_assert_num_queries, count
):
    for _ in range(count):
        mine = ProposalFactory(job=JobPostFactory(), service=profile.services.first())
        ProposalMessageFactory.create_batch(2, proposal=mine, sender=mine.job.client)
    client.force_login(freelancer)
    # The same three whatever the number: the page's count and rows, with their counts.
    with django_assert_num_queries(3):
        client.get(reverse("jobs:my_proposals"))


def test_the_side_by_side_marks_new_proposals_and_unread_threads(client, proposal, hiring_client):
    ProposalMessageFactory(proposal=proposal)
    client.force_login(hiring_client)
    page = client.get(reverse("jobs:proposals", args=[proposal.job_id])).content.decode()
    assert ">new<" in page and "1 unread" in page
    page = client.get(reverse("jobs:proposals", args=[proposal.job_id])).content.decode()
    assert ">new<" not in page  # seen on the first visit
