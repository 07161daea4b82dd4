"""Concurrent decisions on one job: exactly one engagement (PostgreSQL, real threads)."""

import pytest

from engagements.exceptions import ActionRefused
from engagements.models import Engagement
from jobs import hiring, posting, proposing
from jobs.models import Proposal
from tests.factories import ProposalFactory
from tests.support.threads import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 20


def test_twenty_concurrent_hires_of_one_proposal_open_one_engagement(proposal, hiring_client):
    def hire(i):
        return hiring.hire(proposal=Proposal.objects.get(pk=proposal.pk), by=hiring_client)

    results = run_concurrently(THREADS, hire)
    winners = [r for r in results if isinstance(r, Engagement)]
    assert len(winners) == 1, results
    assert all(isinstance(r, ActionRefused) for r in results if r not in winners), results
    assert Engagement.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.engagement == winners[0]


def test_hires_of_different_proposals_on_a_one_hire_job_fill_it_once(job, hiring_client):
    proposals = ProposalFactory.create_batch(10, job=job)
    results = run_concurrently(
        len(proposals), lambda i: hiring.hire(proposal=proposals[i], by=hiring_client)
    )
    assert sum(isinstance(r, Engagement) for r in results) == 1, results
    statuses = sorted(job.proposals.values_list("status", flat=True))
    assert statuses == ["declined"] * 9 + ["hired"]


def test_a_withdrawal_racing_a_hire_leaves_one_outcome(proposal, hiring_client, freelancer):
    def act(i):
        fresh = Proposal.objects.get(pk=proposal.pk)
        if i % 2:
            return hiring.hire(proposal=fresh, by=hiring_client)
        return proposing.withdraw_proposal(proposal=fresh, by=freelancer)

    results = run_concurrently(THREADS, act)
    assert sum(not isinstance(r, ActionRefused) for r in results) == 1, results
    proposal.refresh_from_db()
    assert (proposal.status == "hired") == Engagement.objects.exists()


def test_closing_racing_hires_never_leaves_a_hire_on_a_closed_job(proposal, hiring_client):
    def act(i):
        if i == 0:
            return posting.close_job(job=proposal.job, by=hiring_client)
        return hiring.hire(proposal=Proposal.objects.get(pk=proposal.pk), by=hiring_client)

    run_concurrently(THREADS, act)
    proposal.refresh_from_db()
    proposal.job.refresh_from_db()
    if proposal.status == "hired":
        assert proposal.job.status == "filled"
    else:
        assert proposal.job.status == "closed" and not Engagement.objects.exists()
