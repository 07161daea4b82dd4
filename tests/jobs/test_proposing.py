from decimal import Decimal

import pytest

from engagements.exceptions import ActionRefused
from jobs import posting, proposing
from jobs.models import Invitation, JobPost, Proposal
from marketplace.ratelimits import RateLimitExceeded
from tests.factories import JobPostFactory, ProfileFactory, ServiceFactory, WritingSampleFactory

pytestmark = pytest.mark.django_db


def _submit(job, service, **overrides):
    arguments = {
        "job": job,
        "freelancer": service.owner,
        "cover_letter": "  I have covered three elections and can start on Monday.  ",
        "price": Decimal("450"),
        "basis": "fixed",
        "duration_days": 10,
        **overrides,
    }
    arguments.setdefault("service", service)
    return proposing.submit_proposal(**arguments)


def test_a_proposal_reaches_the_client_by_email(
    job, service, sample, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = _submit(job, service, samples=[sample])
    assert proposal.status == "submitted"
    assert proposal.cover_letter.startswith("I have covered")
    assert list(proposal.samples.all()) == [sample]
    (email,) = mailoutbox
    assert email.to == [job.client.email]
    assert email.subject == f"New proposal from Elena Marsh: {job.title}"
    assert f"/jobs/{job.pk}/proposals/" in email.body


def test_a_freelancer_cannot_propose_on_their_own_job(service, articles):
    own = JobPostFactory(client=service.owner.user, category=articles)
    with pytest.raises(ActionRefused) as refused:
        _submit(own, service)
    assert refused.value.code == "own_job"


def test_a_second_proposal_on_one_job_is_refused(proposal, service):
    with pytest.raises(ActionRefused) as refused:
        _submit(proposal.job, service)
    assert refused.value.code == "duplicate"
    assert Proposal.objects.count() == 1


def test_only_ones_own_published_service_and_samples_can_be_used(job, service):
    stranger = ServiceFactory()
    with pytest.raises(ActionRefused, match="your own published services"):
        _submit(job, stranger, freelancer=service.owner)
    with pytest.raises(ActionRefused, match="your own writing samples"):
        _submit(job, service, samples=[WritingSampleFactory()])
    assert not Proposal.objects.exists()


def test_a_closed_or_draft_job_takes_no_proposals(job, service, hiring_client):
    posting.close_job(job=job, by=hiring_client)
    with pytest.raises(ActionRefused) as refused:
        _submit(job, service)
    assert refused.value.code == "closed"
    draft = JobPostFactory(status="draft", published_at=None)
    with pytest.raises(ActionRefused):
        _submit(draft, service)


def test_an_invite_only_job_takes_proposals_only_from_invited_freelancers(job, service):
    JobPost.objects.filter(pk=job.pk).update(visibility="invite_only")
    with pytest.raises(ActionRefused):
        _submit(job, service)
    Invitation.objects.create(job=job, freelancer=service.owner)
    assert _submit(job, service).status == "submitted"


def test_proposals_are_rate_limited_per_day(settings, service):
    settings.RATE_LIMITS = {"job-proposals": (2, 86400)}
    jobs = JobPostFactory.create_batch(3)
    _submit(jobs[0], service)
    _submit(jobs[1], service)
    with pytest.raises(RateLimitExceeded) as exceeded:
        _submit(jobs[2], service)
    assert exceeded.value.status_code == 429
    assert "2 proposals" in exceeded.value.message


def test_the_freelancer_edits_or_withdraws_until_the_client_decides(proposal, freelancer):
    edited = proposing.edit_proposal(
        proposal=proposal,
        by=freelancer,
        service=proposal.service,
        cover_letter="A new letter, longer than twenty characters.",
        price=Decimal("400"),
        basis="fixed",
        duration_days=7,
    )
    assert (edited.price, edited.duration_days) == (Decimal("400"), 7)
    withdrawn = proposing.withdraw_proposal(proposal=proposal, by=freelancer)
    assert withdrawn.status == "withdrawn" and withdrawn.withdrawn_at
    with pytest.raises(ActionRefused) as refused:
        proposing.withdraw_proposal(proposal=proposal, by=freelancer)
    assert refused.value.code == "wrong_state"


def test_nobody_else_edits_or_withdraws_a_proposal(proposal, hiring_client, outsider):
    for user in (hiring_client, outsider):
        with pytest.raises(ActionRefused) as refused:
            proposing.withdraw_proposal(proposal=proposal, by=user)
        assert refused.value.code == "not_participant"


def test_closing_the_job_freezes_its_proposals(proposal, freelancer, hiring_client):
    posting.close_job(job=proposal.job, by=hiring_client)
    with pytest.raises(ActionRefused) as refused:
        proposing.withdraw_proposal(proposal=proposal, by=freelancer)
    assert refused.value.code == "closed"
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_a_client_without_a_profile_is_no_freelancer(job):
    other = ProfileFactory()
    with pytest.raises(ActionRefused):
        _submit(job, ServiceFactory(), freelancer=other)
