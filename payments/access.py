"""Who may read a milestone and who may act on it: one rule for the pages and the API."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from payments.models import Milestone

STAFF_READ_ONLY = "Staff can read milestones but not act on them (disputes have their own page)."

# What milestone pages and answers read, in a constant number of queries.
MILESTONES_FOR_PAGES = Milestone.objects.select_related(
    "engagement__service",
    "engagement__client",
    "engagement__freelancer__user",
    "engagement__milestone_plan",
)


def get_milestone_for(user, pk: int) -> Milestone:
    """The milestone if the user is a side of its engagement or staff; 404 for anyone else."""
    return get_object_or_404(MILESTONES_FOR_PAGES.readable_by(user), pk=pk)


def get_milestone_to_act_on(user, pk: int) -> Milestone:
    """As `get_milestone_for`, but only the two sides may change anything (staff: 403)."""
    milestone = get_milestone_for(user, pk)
    if milestone.engagement.side_of(user) is None:
        raise PermissionDenied(STAFF_READ_ONLY)
    return milestone
