"""Who may open an engagement and who may act in it: one rule for the pages and the API."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from engagements.models import Engagement

STAFF_READ_ONLY = "Staff can read engagements but not act in them."


def get_engagement_for(user, pk: int, *, engagements: QuerySet | None = None) -> Engagement:
    """The engagement if the user is its client, its freelancer or staff; 404 for anyone else.

    `engagements` narrows or decorates the lookup (select_related, annotations). Reading
    changes nothing: overdue deliveries are completed by the periodic task, not by a GET.
    """
    queryset = Engagement.objects.all() if engagements is None else engagements
    return get_object_or_404(queryset.readable_by(user), pk=pk)


def get_engagement_to_act_on(user, pk: int, *, engagements: QuerySet | None = None) -> Engagement:
    """As `get_engagement_for`, but only the two participants may change anything: staff
    only read (403)."""
    engagement = get_engagement_for(user, pk, engagements=engagements)
    if engagement.side_of(user) is None:
        raise PermissionDenied(STAFF_READ_ONLY)
    return engagement
