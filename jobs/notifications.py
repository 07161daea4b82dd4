"""Emails about jobs: a new proposal (to the client), an invitation and a decision (to the
freelancer). Queued in the outbox inside the change's transaction, as engagements' are
(engagements.notifications): nobody hears of a change that rolled back.
"""

from django.conf import settings
from django.urls import reverse

from jobs.models import Invitation, JobPost, Proposal, ProposalStatus
from outbox.templated import queue_templated_email


def send_new_proposal(*, proposal: Proposal) -> None:
    job = proposal.job
    _send(
        "new_proposal",
        job=job,
        to=job.client,
        url=reverse("jobs:proposals", args=[job.pk]),
        proposal=proposal,
    )


def send_invitation(*, invitation: Invitation) -> None:
    job = invitation.job
    _send(
        "invitation",
        job=job,
        to=invitation.freelancer.user,
        url=job.get_absolute_url(),
        invitation=invitation,
    )


def send_decision(*, proposal: Proposal) -> None:
    """Hired: a link to the engagement; declined: the reason, if any, and the job list."""
    if proposal.status == ProposalStatus.HIRED:
        url = proposal.engagement.get_absolute_url()
    else:
        url = reverse("jobs:list")
    _send("decision", job=proposal.job, to=proposal.freelancer.user, url=url, proposal=proposal)


def _send(event: str, *, job: JobPost, to, url: str, **extra) -> None:
    context = {
        "job": job,
        "url": settings.SITE_URL + url,
        **extra,
    }
    queue_templated_email(f"jobs/email/{event}", to=to, context=context)
