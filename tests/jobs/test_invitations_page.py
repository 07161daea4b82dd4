"""A freelancer's invitations page: the invitations they received, newest first, each seen
once the page has shown it; and the client's public page linked wherever a freelancer meets
a job's client."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs import inviting
from jobs.models import Invitation, JobPost
from jobs.reading import news_for
from tests.factories import JobPostFactory, ProfileFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("jobs:my_invitations")


def _client_link(user) -> str:
    return f'<a href="{reverse("clients:detail", args=[user.username])}">{user.public_name}</a>'


@pytest.fixture
def invitation(job, hiring_client, profile):
    return inviting.invite(job=job, freelancer=profile, by=hiring_client, message="Keen?")


def test_the_page_lists_the_invitation_with_its_job_client_date_and_status(
    client, freelancer, invitation, job, hiring_client
):
    client.force_login(freelancer)
    page = client.get(URL).content.decode()
    assert f'<a href="{job.get_absolute_url()}">{job.title}</a>' in page
    assert _client_link(hiring_client) in page
    assert invitation.created_at.strftime("%-d %b %Y") in page
    assert reverse("jobs:propose", args=[job.pk]) in page  # not proposed yet
    assert "Open" in page


def test_the_clients_message_shows_escaped(client, freelancer, job, hiring_client, profile):
    inviting.invite(job=job, freelancer=profile, by=hiring_client, message="<b>Keen?</b>")
    client.force_login(freelancer)
    page = client.get(URL).content.decode()
    assert "&lt;b&gt;Keen?&lt;/b&gt;" in page and "<b>Keen?" not in page


def test_the_page_links_the_proposal_once_sent(client, freelancer, invitation, job, service):
    proposal = ProposalFactory(job=job, service=service)
    client.force_login(freelancer)
    page = client.get(URL).content.decode()
    assert f'<a href="{proposal.get_absolute_url()}">Proposed</a>' in page
    assert reverse("jobs:propose", args=[job.pk]) not in page


def test_showing_an_invitation_marks_it_seen_but_this_visit_still_says_new(
    client, freelancer, invitation
):
    assert news_for(freelancer)["invitations"] == 1
    client.force_login(freelancer)
    assert ">new<" in client.get(URL).content.decode()
    assert news_for(freelancer)["invitations"] == 0
    assert ">new<" not in client.get(URL).content.decode()


def test_newest_first_and_only_the_listed_page_is_marked_seen(client, freelancer, profile):
    now = timezone.now()
    invitations = [
        Invitation.objects.create(
            job=JobPostFactory(title=f"Job number {n:02}"),
            freelancer=profile,
            created_at=now - timedelta(hours=n),
        )
        for n in range(25)
    ]
    client.force_login(freelancer)
    page = client.get(URL).content.decode()
    assert page.index("Job number 00") < page.index("Job number 01")
    assert "Job number 24" not in page  # on page 2
    unseen = Invitation.objects.filter(seen_at__isnull=True)
    assert set(unseen.all()) == set(invitations[20:])
    assert "Job number 24" in client.get(URL, {"page": 2}).content.decode()
    assert not unseen.all().exists()


def test_a_job_the_freelancer_may_no_longer_open_is_not_linked(client, freelancer, invitation, job):
    JobPost.objects.filter(pk=job.pk).update(
        visibility="invite_only", status="closed", closed_at=timezone.now()
    )
    client.force_login(freelancer)
    page = client.get(URL).content.decode()
    assert job.title in page and job.get_absolute_url() not in page
    assert client.get(job.get_absolute_url()).status_code == 404  # what the link would give


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_a_client_without_a_profile_gets_a_friendly_page(client, hiring_client, invitation):
    client.force_login(hiring_client)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Create your freelancer profile" in response.content.decode()
    assert invitation.job.title not in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_others_and_staff_see_only_their_own_and_mark_nothing(
    request, client, invitation, freelancer, who
):
    reader = request.getfixturevalue(who)
    theirs = Invitation.objects.create(
        job=JobPostFactory(title="Their own invitation"),
        freelancer=ProfileFactory(user=reader),
    )
    client.force_login(reader)
    page = client.get(URL).content.decode()
    assert theirs.job.title in page
    assert invitation.job.title not in page
    assert news_for(freelancer)["invitations"] == 1


@pytest.mark.parametrize("count", [1, 25])
def test_the_page_runs_a_fixed_number_of_queries(
    client, freelancer, profile, service, django_assert_num_queries, count
):
    for n in range(count):
        job = JobPostFactory(client=UserFactory())
        Invitation.objects.create(job=job, freelancer=profile)
        if n % 2:
            ProposalFactory(job=job, service=service)
    client.force_login(freelancer)
    # The user, the page's count and rows (with proposal and visibility), and the one update
    # that marks them seen: the same whatever their number.
    with django_assert_num_queries(4):
        client.get(URL)


def test_the_dashboard_and_the_proposals_page_link_to_it(client, freelancer, invitation):
    client.force_login(freelancer)
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    assert f'<a href="{URL}"><strong>1 new invitation</strong></a>' in dashboard
    assert f'href="{URL}"' in client.get(reverse("jobs:my_proposals")).content.decode()


def test_a_freelancer_meets_the_client_on_their_proposals(client, freelancer, proposal):
    client_user = proposal.job.client
    client.force_login(freelancer)
    for url in (
        reverse("jobs:my_proposals"),
        proposal.get_absolute_url(),
        reverse("jobs:edit_proposal", args=[proposal.pk]),
    ):
        assert _client_link(client_user) in client.get(url).content.decode(), url


def test_the_client_sees_their_own_public_page_linked_on_a_proposal(
    client, hiring_client, proposal
):
    client.force_login(hiring_client)
    assert _client_link(hiring_client) in client.get(proposal.get_absolute_url()).content.decode()
