"""Who may open which job or proposal: the one set of lookups the pages and the API share.

Each returns the object or raises Http404, so a job or a proposal that is not the reader's
to see looks like one that does not exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from jobs.models import JobPost, Proposal

_JOB = JobPost.objects.select_related("client", "category", "category__parent")


def get_visible_job(user, pk: int) -> JobPost:
    """A job the user may read: listed, invited to, proposed on, their own; staff any."""
    return get_object_or_404(
        JobPost.objects.visible_to(user).select_related(
            "client__client_reputation", "category", "category__parent"
        ),
        pk=pk,
    )


def get_owned_job(user, pk: int) -> JobPost:
    """A job to change: only its client's."""
    return get_object_or_404(
        _JOB.filter(client_id=user.pk if user.is_authenticated else None), pk=pk
    )


def get_job_for_proposals(user, pk: int) -> JobPost:
    """A job whose proposals the user may read: its client, and staff (read-only)."""
    job = get_object_or_404(_JOB, pk=pk)
    if not (job.is_owned_by(user) or (user.is_authenticated and user.is_staff)):
        raise Http404("No such job.")
    return job


def get_readable_proposal(user, pk: int) -> Proposal:
    """Its freelancer, the job's client, and staff (read-only)."""
    return get_object_or_404(
        Proposal.objects.readable_by(user)
        .select_related("job__client", "job__category", "freelancer__user", "service", "engagement")
        .prefetch_related("samples"),
        pk=pk,
    )


def get_proposal_to_message(user, pk: int) -> Proposal:
    """A proposal to write in the thread of: its freelancer and the job's client; staff read
    the thread but may not write (403), as in engagements."""
    proposal = get_readable_proposal(user, pk)
    if proposal.side_of(user) is None:
        raise PermissionDenied("Staff can read a proposal's thread but not write in it.")
    return proposal


def get_own_proposal(user, pk: int) -> Proposal:
    """A proposal to edit or withdraw: only its freelancer's."""
    return get_object_or_404(
        Proposal.objects.select_related(
            "job__client", "freelancer__user", "service"
        ).prefetch_related("samples"),
        pk=pk,
        freelancer__user_id=user.pk if user.is_authenticated else None,
    )


def get_proposal_to_decide(user, pk: int) -> Proposal:
    """A proposal to shortlist, decline or hire: only the job's client's."""
    return get_object_or_404(
        Proposal.objects.select_related("job", "freelancer__user", "service"),
        pk=pk,
        job__client_id=user.pk if user.is_authenticated else None,
    )
