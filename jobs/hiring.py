"""The client's decisions on proposals: shortlist, decline, hire.

Hiring opens an engagement already accepted at the proposal's price, through the engagement
workflow (engagements.quoting.start_agreed_engagement): delivery, completion, reviews and
reputation then follow as for any quote. A job hires one freelancer, unless its client said
it may hire several: then it stays open. Otherwise it becomes filled and every other
undecided proposal is declined, politely, by email.

Every decision locks the job row and then the proposal row (always in that order, so two
decisions on one job never deadlock) and re-checks the state on the locked rows: of twenty
simultaneous hires of one proposal, one opens an engagement and the others are refused.
"""

from django.db import transaction
from django.utils import timezone

from engagements.exceptions import ActionRefused
from engagements.models import Engagement
from engagements.quoting import start_agreed_engagement
from jobs import notifications
from jobs.caching import job_listings_changed
from jobs.models import JobPost, JobStatus, Proposal, ProposalStatus
from jobs.posting import lock_job
from jobs.proposing import lock_proposal

# What the other freelancers are told when the job is filled by someone else.
FILLED_REASON = "The client has hired another freelancer for this job. Thank you for proposing."


def shortlist(*, proposal: Proposal, by) -> Proposal:
    with transaction.atomic():
        job, locked = _lock_for_decision(proposal, by=by)
        if locked.status != ProposalStatus.SUBMITTED:
            raise _wrong_state(locked, "shortlisted")
        locked.status = ProposalStatus.SHORTLISTED
        locked.save(update_fields=["status", "updated_at"])
    return locked


def decline(*, proposal: Proposal, by, reason: str = "") -> Proposal:
    """Decline with an optional reason, which the freelancer reads in the email."""
    with transaction.atomic():
        job, locked = _lock_for_decision(proposal, by=by)
        _decline(locked, reason=reason.strip())
    return locked


def hire(*, proposal: Proposal, by) -> Engagement:
    """Hire the proposal's freelancer at its price: returns the accepted engagement."""
    with transaction.atomic():
        job, locked = _lock_for_decision(proposal, by=by)
        engagement = start_agreed_engagement(
            service=locked.service,
            client=job.client,
            what=f"{job.title}\n\n{job.brief}",
            currency=job.currency,
            quoted_amount=locked.price,
            quote_basis=locked.basis,
            deadline=job.deadline,
        )
        now = timezone.now()
        locked.status = ProposalStatus.HIRED
        locked.decided_at = now
        locked.engagement = engagement
        locked.save(update_fields=["status", "decided_at", "engagement", "updated_at"])
        notifications.send_decision(proposal=locked)
        if not job.allows_several_hires:
            job.status = JobStatus.FILLED
            job.filled_at = now
            job.save(update_fields=["status", "filled_at", "updated_at"])
            job_listings_changed()
            others = (
                job.proposals.undecided()
                .exclude(pk=locked.pk)
                .select_for_update(no_key=True, of=("self",))
                .select_related("freelancer__user", "job__client")
            )
            for other in others:
                _decline(other, reason=FILLED_REASON)
    return engagement


def _lock_for_decision(proposal: Proposal, *, by) -> tuple[JobPost, Proposal]:
    job = lock_job(proposal.job_id)
    if not job.is_owned_by(by):
        raise ActionRefused(
            "Only the client who posted this job can decide on its proposals.",
            code="not_participant",
        )
    locked = lock_proposal(proposal.pk)
    if not locked.is_undecided:
        raise _wrong_state(locked, "decided on")
    if not job.is_open:
        raise ActionRefused(
            f"This job is {job.get_status_display().lower()}: its proposals are frozen.",
            code="closed",
        )
    return job, locked


def _decline(locked: Proposal, *, reason: str) -> None:
    if not locked.is_undecided:
        raise _wrong_state(locked, "declined")
    locked.status = ProposalStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decline_reason = reason
    locked.save(update_fields=["status", "decided_at", "decline_reason", "updated_at"])
    notifications.send_decision(proposal=locked)


def _wrong_state(proposal: Proposal, verb: str) -> ActionRefused:
    return ActionRefused(
        f"This proposal is {proposal.get_status_display().lower()}, so it cannot be {verb} now.",
        code="wrong_state",
    )
