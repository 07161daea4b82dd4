"""A client's side of a job post: post it (as a draft or open), edit, publish, close.

Closing freezes the job: no new proposals, no edits to proposals, no hires. Proposals still
waiting for a decision are left as they are, so the freelancers can see what happened.
"""

from django.db import transaction
from django.utils import timezone

from engagements.exceptions import ActionRefused
from jobs import search
from jobs.caching import job_listings_changed
from jobs.models import JobPost, JobStatus
from profiles.models import Skill


def post_job(*, job: JobPost, client, skill_names: list[str], publish: bool) -> JobPost:
    """Save a new job (built by the job form) as `client`'s: open when `publish`, else a draft."""
    with transaction.atomic():
        job.client = client
        job.status = JobStatus.OPEN if publish else JobStatus.DRAFT
        job.published_at = timezone.now() if publish else None
        job.save()
        job.skills.set(Skill.objects.from_names(skill_names))
        search.refresh_search_vectors(job_ids=[job.pk])
        job_listings_changed()
    return job


def edit_job(*, job: JobPost, by, skill_names: list[str]) -> JobPost:
    """Save the changes the job form made to `job`; only its client, and not once it ended."""
    with transaction.atomic():
        locked = _lock_own(job, by=by)
        if locked.status in (JobStatus.CLOSED, JobStatus.FILLED):
            raise ActionRefused(
                f"This job is {locked.get_status_display().lower()}; it can no longer change.",
                code="closed",
            )
        job.status, job.published_at = locked.status, locked.published_at
        job.save()
        job.skills.set(Skill.objects.from_names(skill_names))
        search.refresh_search_vectors(job_ids=[job.pk])
        job_listings_changed()
    return job


def publish_job(*, job: JobPost, by) -> JobPost:
    """Open a draft to proposals."""
    with transaction.atomic():
        locked = _lock_own(job, by=by)
        if locked.status != JobStatus.DRAFT:
            raise ActionRefused("Only a draft can be published.", code="wrong_state")
        locked.status = JobStatus.OPEN
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        job_listings_changed()
    return locked


def close_job(*, job: JobPost, by) -> JobPost:
    """Stop taking proposals. A draft or an open job can be closed; a filled one already is."""
    with transaction.atomic():
        locked = _lock_own(job, by=by)
        if locked.status not in (JobStatus.DRAFT, JobStatus.OPEN):
            raise ActionRefused(
                f"This job is already {locked.get_status_display().lower()}.",
                code="wrong_state",
            )
        locked.status = JobStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        job_listings_changed()
    return locked


def lock_job(pk: int) -> JobPost:
    """The job row, locked until the transaction ends: every change to a job's proposals takes
    this lock first, so closing, proposing and hiring on one job happen one at a time."""
    return (
        JobPost.objects.select_for_update(no_key=True, of=("self",))
        .select_related("client")
        .get(pk=pk)
    )


def _lock_own(job: JobPost, *, by) -> JobPost:
    locked = lock_job(job.pk)
    if not locked.is_owned_by(by):
        raise ActionRefused(
            "Only the client who posted this job can change it.", code="not_participant"
        )
    return locked
