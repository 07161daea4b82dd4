"""Row locks the workflows take, always in one order: the milestone, then the engagement, then
the rows that hang off the milestone (payment, proposal, dispute), then the receipt counter.
One order means two workflows never wait on each other in a circle."""

from engagements.models import Engagement
from payments.models import Milestone


def lock_milestone(pk: int) -> Milestone:
    """The milestone, locked until the transaction ends (a no-op lock on SQLite, whose write
    transactions are serialised anyway), with what the workflows read of its engagement."""
    return (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("engagement__service", "engagement__client", "engagement__freelancer__user")
        .get(pk=pk)
    )


def lock_engagement(pk: int) -> Engagement:
    return (
        Engagement.objects.select_for_update(no_key=True, of=("self",))
        .select_related("service", "client", "freelancer__user")
        .get(pk=pk)
    )
