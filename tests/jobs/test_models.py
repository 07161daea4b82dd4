"""The database's own guarantees on jobs and proposals, whatever code writes the rows."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from jobs.models import JobPost, Proposal
from services.models import Service
from tests.factories import JobPostFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostFactory(**fields)


def test_a_fixed_budget_has_an_amount_and_no_hourly_terms():
    _refused(budget_amount=None)
    _refused(hourly_min=Decimal("10"))


def test_an_hourly_budget_has_a_range_and_hours_and_no_amount():
    hourly = {"budget_basis": "hourly", "budget_amount": None}
    _refused(**hourly, hourly_min=Decimal("20"), hourly_max=Decimal("30"))
    _refused(**hourly, hourly_min=Decimal("30"), hourly_max=Decimal("20"), estimated_hours=5)
    job = JobPostFactory(
        **hourly, hourly_min=Decimal("20"), hourly_max=Decimal("30"), estimated_hours=5
    )
    assert job.budget_ceiling == Decimal("150")


def test_a_job_has_a_deadline_or_a_duration_not_both():
    import datetime

    _refused(deadline=datetime.date(2030, 1, 1), duration_weeks=2)


def test_each_state_carries_its_moment():
    _refused(status="open", published_at=None)
    _refused(status="closed")
    _refused(status="filled")
    assert JobPostFactory(status="draft", published_at=None).status == "draft"


def test_one_proposal_per_freelancer_per_job(proposal):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(job=proposal.job, service=proposal.service)


def test_a_hired_proposal_has_its_engagement(proposal):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        type(proposal).objects.filter(pk=proposal.pk).update(
            status="hired", decided_at=timezone.now()
        )


def test_invite_only_jobs_are_found_only_by_invited_freelancers(job, profile, outsider):
    from jobs.models import Invitation

    JobPost.objects.filter(pk=job.pk).update(visibility="invite_only")
    job.refresh_from_db()
    assert not JobPost.objects.findable_by(profile.user).exists()
    assert not job.is_visible_to(outsider)
    Invitation.objects.create(job=job, freelancer=profile)
    assert list(JobPost.objects.findable_by(profile.user)) == [job]
    assert job.is_visible_to(profile.user)
    assert not JobPost.objects.listed().exists()


def test_a_service_with_proposals_is_paused_not_deleted(client, proposal, freelancer):
    client.force_login(freelancer)
    response = client.post(
        reverse("dashboard:service_delete", kwargs={"slug": proposal.service.slug}), follow=True
    )
    assert "proposals on clients" in response.content.decode()
    assert Service.objects.filter(pk=proposal.service_id).exists()


def test_deleting_a_freelancer_takes_their_services_and_proposals(proposal):
    proposal.freelancer.user.delete()
    assert not Proposal.objects.exists() and not Service.objects.exists()
    assert JobPost.objects.filter(pk=proposal.job_id).exists()
