"""What is new to whom in jobs: the read markers a visit moves, and the dashboard's counts.

New proposals are those submitted after the client last opened the job's proposals; a
decision is news to the freelancer until they open the proposal; an invitation until they
open the job or see it on their invitations page. Messages in a proposal's thread keep their
own markers (messaging.threads).
Staff reads move no marker.
"""

from django.db.models import Count, F, Q
from django.utils import timezone

from jobs.models import UNDECIDED, Invitation, JobPost, Proposal


def mark_proposals_seen(*, job: JobPost, reader) -> None:
    if not job.is_owned_by(reader):
        return
    job.proposals_seen_at = timezone.now()
    JobPost.objects.filter(pk=job.pk).update(proposals_seen_at=job.proposals_seen_at)


def mark_decision_seen(*, proposal: Proposal, reader) -> None:
    if proposal.freelancer.user_id != reader.pk or proposal.decided_at is None:
        return
    proposal.decision_seen_at = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(decision_seen_at=proposal.decision_seen_at)


def mark_invitations_seen(*, job: JobPost, reader) -> None:
    _mark_unseen(Invitation.objects.filter(job=job), reader)


def mark_listed_invitations_seen(*, invitations, reader) -> None:
    """The invitations page shows these to their freelancer: they are no longer new."""
    if any(invitation.seen_at is None for invitation in invitations):
        _mark_unseen(Invitation.objects.filter(pk__in=[i.pk for i in invitations]), reader)


def _mark_unseen(invitations, reader) -> None:
    if reader.is_authenticated:
        invitations.filter(freelancer__user=reader, seen_at__isnull=True).update(
            seen_at=timezone.now()
        )


def news_for(user) -> dict[str, int]:
    """The signed-in user's unseen job news, in two queries whatever their number:
    `unread_messages` (in proposals' threads, on either side), `new_proposals` (undecided ones
    on their jobs), `decisions` (on their proposals) and `invitations`."""
    new_proposal = Q(job__client=user, status__in=UNDECIDED) & (
        Q(job__proposals_seen_at__isnull=True) | Q(submitted_at__gt=F("job__proposals_seen_at"))
    )
    unseen_decision = Q(freelancer__user=user, decided_at__isnull=False) & (
        Q(decision_seen_at__isnull=True) | Q(decided_at__gt=F("decision_seen_at"))
    )
    proposals = Proposal.objects.all()
    counts = (
        proposals.involving(user)
        .order_by()
        .aggregate(
            unread_messages=proposals.unread_messages(user),
            # Distinct: the join to the messages repeats each proposal once per message.
            new_proposals=Count("id", filter=new_proposal, distinct=True),
            decisions=Count("id", filter=unseen_decision, distinct=True),
        )
    )
    counts["invitations"] = Invitation.objects.filter(
        freelancer__user=user, seen_at__isnull=True
    ).count()
    return counts
