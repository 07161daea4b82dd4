"""A snapshot of everything the jobs pages and endpoints can change, to prove a refused
request changed nothing."""

from engagements.models import Engagement
from jobs.models import Invitation, JobPost, Proposal
from outbox.models import OutgoingEmail


def database_state() -> dict:
    return {
        "jobs": list(JobPost.objects.order_by("pk").values()),
        "job_skills": list(JobPost.skills.through.objects.order_by("pk").values()),
        "proposals": list(Proposal.objects.order_by("pk").values()),
        "proposal_samples": list(Proposal.samples.through.objects.order_by("pk").values()),
        "invitations": list(Invitation.objects.order_by("pk").values()),
        "engagements": list(Engagement.objects.order_by("pk").values()),
        "emails": OutgoingEmail.objects.count(),
    }
