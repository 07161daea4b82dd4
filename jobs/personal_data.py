"""Jobs a client posted and proposals a freelancer sent, in their data export; on erasure,
their open jobs close and the files attached to their jobs are deleted."""

from django.db.models import Q

from jobs.models import JobAttachment, JobPost, JobStatus, Proposal, ProposalMessage
from jobs.posting import close_job
from marketplace.personal_data import ExportPart, eraser, exporter

JOB_FIELDS = [
    "id",
    "title",
    "brief",
    "category__name",
    "budget_basis",
    "budget_amount",
    "hourly_min",
    "hourly_max",
    "estimated_hours",
    "currency",
    "deadline",
    "duration_weeks",
    "visibility",
    "status",
    "created_at",
    "published_at",
    "closed_at",
    "filled_at",
]
PROPOSAL_FIELDS = [
    "id",
    "job__title",
    "service__title",
    "cover_letter",
    "price",
    "basis",
    "duration_days",
    "status",
    "decline_reason",
]


@exporter("jobs")
def export_jobs(user) -> ExportPart:
    jobs = JobPost.objects.filter(client=user)
    attachments = JobAttachment.objects.filter(job__in=jobs)
    return ExportPart(
        records={
            "jobs": list(jobs.values(*JOB_FIELDS)),
            "attachments": list(attachments.values("job_id", "name", "content_type", "size")),
        },
        files=[attachment.file for attachment in attachments],
    )


@exporter("proposals")
def export_proposals(user) -> ExportPart:
    """Proposals they sent, or received on their jobs, with the messages of each thread."""
    proposals = Proposal.objects.filter(Q(freelancer__user=user) | Q(job__client=user))
    messages = ProposalMessage.objects.filter(proposal__in=proposals).order_by(
        "proposal_id", "created_at"
    )
    return ExportPart(
        records={
            "proposals": list(proposals.values(*PROPOSAL_FIELDS)),
            "messages": [
                {
                    "proposal": row["proposal_id"],
                    "from": "you" if row["sender_id"] == user.pk else "the other side",
                    "body": row["body"],
                    "sent_at": row["created_at"],
                }
                for row in messages.values("proposal_id", "sender_id", "body", "created_at")
            ],
        }
    )


@eraser("jobs", order=40)
def erase_jobs(user) -> list:
    for job in JobPost.objects.filter(client=user, status__in=[JobStatus.DRAFT, JobStatus.OPEN]):
        close_job(job=job, by=user)
    attachments = JobAttachment.objects.filter(job__client=user)
    files = [attachment.file for attachment in attachments]
    attachments.delete()
    return files
