"""A freelancer's side of a job: propose, edit the proposal, withdraw it.

Every step locks the job row first (jobs.posting.lock_job), so a proposal never lands on a
job that was closed or filled a moment before, and re-checks the rules on the locked rows.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from engagements.exceptions import ActionRefused
from jobs import notifications
from jobs.models import JobPost, Proposal, ProposalStatus
from jobs.posting import lock_job
from marketplace import ratelimits
from profiles.models import Profile, WritingSample
from services.models import Service

PROPOSALS = ratelimits.RateLimit(
    "job-proposals", limit=15, window_seconds=24 * 3600, what="proposals"
)


def submit_proposal(
    *,
    job: JobPost,
    freelancer: Profile,
    service: Service,
    cover_letter: str,
    price: Decimal,
    basis: str,
    duration_days: int,
    samples: Iterable[WritingSample] = (),
) -> Proposal:
    """Send the job's client a proposal and email them.

    Refused (ActionRefused) on one's own job, a job that is not open or not visible to the
    freelancer, a second proposal on one job, or a service or samples that are not the
    freelancer's; rate limited per freelancer per day (RateLimitExceeded).
    """
    samples = list(samples)
    _check_own_work(freelancer, service=service, samples=samples)
    ratelimits.hit(PROPOSALS, user=freelancer.user)
    try:
        with transaction.atomic():
            locked = lock_job(job.pk)
            if locked.client_id == freelancer.user_id:
                raise ActionRefused("You cannot propose on your own job.", code="own_job")
            if not locked.is_open or not locked.is_visible_to(freelancer.user):
                raise ActionRefused("This job is not taking proposals.", code="closed")
            if locked.proposals.filter(freelancer=freelancer).exists():
                raise _duplicate()
            proposal = Proposal.objects.create(
                job=locked,
                freelancer=freelancer,
                service=service,
                cover_letter=cover_letter.strip(),
                price=price,
                basis=basis,
                duration_days=duration_days,
            )
            proposal.samples.set(samples)
            notifications.send_new_proposal(proposal=proposal)
    except IntegrityError as error:  # two submits at once: the constraint kept one
        raise _duplicate() from error
    return proposal


def edit_proposal(
    *,
    proposal: Proposal,
    by,
    service: Service,
    cover_letter: str,
    price: Decimal,
    basis: str,
    duration_days: int,
    samples: Iterable[WritingSample] = (),
) -> Proposal:
    """Change a proposal the client has not decided on yet, while the job is open."""
    samples = list(samples)
    with transaction.atomic():
        locked = _lock_own_undecided(proposal, by=by, verb="edited")
        _check_own_work(locked.freelancer, service=service, samples=samples)
        locked.service = service
        locked.cover_letter = cover_letter.strip()
        locked.price = price
        locked.basis = basis
        locked.duration_days = duration_days
        locked.save()
        locked.samples.set(samples)
    return locked


def withdraw_proposal(*, proposal: Proposal, by) -> Proposal:
    """Take a proposal back before the client decides on it."""
    with transaction.atomic():
        locked = _lock_own_undecided(proposal, by=by, verb="withdrawn")
        locked.status = ProposalStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return locked


def lock_proposal(pk: int) -> Proposal:
    return (
        Proposal.objects.select_for_update(no_key=True, of=("self",))
        .select_related("job", "job__client", "freelancer__user", "service__owner")
        .get(pk=pk)
    )


def _lock_own_undecided(proposal: Proposal, *, by, verb: str) -> Proposal:
    job = lock_job(proposal.job_id)
    locked = lock_proposal(proposal.pk)
    if locked.freelancer.user_id != by.pk:
        raise ActionRefused(
            "Only the freelancer who sent this proposal can change it.", code="not_participant"
        )
    if not locked.is_undecided:
        raise ActionRefused(
            f"This proposal is {locked.get_status_display().lower()}, so it cannot be {verb}.",
            code="wrong_state",
        )
    if not job.is_open:
        raise ActionRefused(
            f"This job is {job.get_status_display().lower()}: its proposals are frozen.",
            code="closed",
        )
    return locked


def _check_own_work(freelancer: Profile, *, service: Service, samples: list[WritingSample]):
    if service.owner_id != freelancer.pk:
        raise ActionRefused(
            "Choose one of your own published services for this work.", code="invalid"
        )
    if not service.is_published:
        # A state, not bad input: the service was paused (or never published) meanwhile.
        raise ActionRefused(
            f"“{service.title}” is not published: publish it again, or choose another of "
            "your services for this work.",
            code="unavailable",
        )
    if any(sample.profile_id != freelancer.pk for sample in samples):
        raise ActionRefused("Link only your own writing samples.", code="invalid")


def _duplicate() -> ActionRefused:
    return ActionRefused(
        "You have already sent a proposal for this job; edit it instead.", code="duplicate"
    )
