import pytest

from engagements import transitions
from engagements.exceptions import ActionRefused
from jobs import hiring, inviting
from jobs.models import Proposal
from reviews.submission import submit_review
from tests.factories import JobPostFactory, ProposalFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_hiring_opens_an_accepted_engagement_at_the_proposals_price(
    proposal, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement = hiring.hire(proposal=proposal, by=hiring_client)
    assert engagement.state == "accepted" and engagement.accepted_at
    assert (engagement.client, engagement.service) == (hiring_client, proposal.service)
    assert (engagement.quoted_amount, engagement.quote_basis) == (proposal.price, "fixed")
    assert engagement.currency == proposal.job.currency
    proposal.refresh_from_db()
    assert (proposal.status, proposal.engagement) == ("hired", engagement)
    proposal.job.refresh_from_db()
    assert proposal.job.status == "filled" and proposal.job.filled_at
    subjects = {(email.to[0], email.subject) for email in mailoutbox}
    assert ("elena@example.com", f"You are hired: {proposal.job.title}") in subjects


def test_the_hired_engagement_follows_the_usual_workflow_to_a_review(proposal, hiring_client):
    engagement = hiring.hire(proposal=proposal, by=hiring_client)
    freelancer = proposal.freelancer.user
    engagement = transitions.deliver(engagement=engagement, by=freelancer)
    engagement = transitions.complete(engagement=engagement, by=hiring_client)
    review = submit_review(
        engagement=engagement,
        author=hiring_client,
        rating=5,
        text="Great reporting, delivered early.",
    )
    submit_review(  # the freelancer's review of the client: both are published
        engagement=engagement, author=freelancer, rating=5, text="A clear brief, paid on time."
    )
    proposal.freelancer.refresh_from_db()
    assert review.service == proposal.service
    assert proposal.freelancer.completed_engagement_count == 1
    assert proposal.freelancer.review_count == 1


def test_filling_the_job_declines_the_others_politely(
    job, proposal, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    other = ProposalFactory(job=job)
    withdrawn = ProposalFactory(job=job, status="withdrawn", withdrawn_at=job.published_at)
    with django_capture_on_commit_callbacks(execute=True):
        hiring.hire(proposal=proposal, by=hiring_client)
    other.refresh_from_db()
    withdrawn.refresh_from_db()
    assert other.status == "declined" and other.decline_reason == hiring.FILLED_REASON
    assert withdrawn.status == "withdrawn"
    (declined_email,) = [e for e in mailoutbox if e.to == [other.freelancer.user.email]]
    assert "hired another freelancer" in declined_email.body


def test_a_job_that_may_hire_several_stays_open(job, proposal, hiring_client):
    job.allows_several_hires = True
    job.save()
    other = ProposalFactory(job=job)
    hiring.hire(proposal=proposal, by=hiring_client)
    hiring.hire(proposal=other, by=hiring_client)
    job.refresh_from_db()
    assert job.status == "open"
    assert set(job.proposals.values_list("status", flat=True)) == {"hired"}


def test_only_the_jobs_client_decides(proposal, freelancer, outsider, staff):
    for user in (freelancer, outsider, staff):
        for decide in (hiring.hire, hiring.shortlist, hiring.decline):
            with pytest.raises(ActionRefused) as refused:
                decide(proposal=proposal, by=user)
            assert refused.value.code == "not_participant"
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_a_proposal_is_decided_once(proposal, hiring_client):
    hiring.shortlist(proposal=proposal, by=hiring_client)
    declined = hiring.decline(proposal=proposal, by=hiring_client, reason="  Over budget. ")
    assert (declined.status, declined.decline_reason) == ("declined", "Over budget.")
    with pytest.raises(ActionRefused) as refused:
        hiring.hire(proposal=proposal, by=hiring_client)
    assert refused.value.code == "wrong_state"
    assert not Proposal.objects.filter(engagement__isnull=False).exists()


def test_a_closed_job_hires_nobody(proposal, hiring_client):
    from jobs import posting

    posting.close_job(job=proposal.job, by=hiring_client)
    with pytest.raises(ActionRefused) as refused:
        hiring.hire(proposal=proposal, by=hiring_client)
    assert refused.value.code == "closed"


def test_an_invitation_is_emailed_once(
    job, profile, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inviting.invite(job=job, freelancer=profile, by=hiring_client, message="You'd be great.")
    (email,) = mailoutbox
    assert email.to == ["elena@example.com"] and "You'd be great." in email.body
    with pytest.raises(ActionRefused) as refused:
        inviting.invite(job=job, freelancer=profile, by=hiring_client)
    assert refused.value.code == "duplicate"


def test_only_the_client_invites_to_an_open_job(job, profile, outsider, hiring_client):
    with pytest.raises(ActionRefused):
        inviting.invite(job=job, freelancer=profile, by=outsider)
    closed = JobPostFactory(client=hiring_client, status="closed", closed_at=job.published_at)
    with pytest.raises(ActionRefused) as refused:
        inviting.invite(job=closed, freelancer=ServiceFactory().owner, by=hiring_client)
    assert refused.value.code == "closed"
