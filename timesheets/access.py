"""Who may read an hourly contract and its weeks, and who may act: one rule for the pages
and the API. The two sides and staff read (others: 404); only the sides act (staff: 403)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from engagements.access import get_engagement_for
from engagements.models import Engagement
from timesheets.models import Contract, TimeEntry, Week, WeekDispute

STAFF_READ_ONLY = "Staff can read hourly contracts but not act in them (disputes aside)."

ENGAGEMENTS_FOR_PAGES = Engagement.objects.select_related(
    "service", "client", "freelancer__user", "hourly_contract"
)
WEEKS_FOR_PAGES = Week.objects.select_related(
    "contract__engagement__service",
    "contract__engagement__client",
    "contract__engagement__freelancer__user",
    "payment",
)


def get_engagement(user, pk: int) -> Engagement:
    return get_engagement_for(user, pk, engagements=ENGAGEMENTS_FOR_PAGES)


def get_engagement_to_act_on(user, pk: int) -> Engagement:
    engagement = get_engagement(user, pk)
    if engagement.side_of(user) is None:
        raise PermissionDenied(STAFF_READ_ONLY)
    return engagement


def contract_of(engagement: Engagement) -> Contract | None:
    try:
        return engagement.hourly_contract
    except Contract.DoesNotExist:
        return None


def get_contract_to_act_on(user, pk: int) -> Contract:
    contract = contract_of(get_engagement_to_act_on(user, pk))
    if contract is None:
        raise PermissionDenied("No hourly terms have been proposed yet.")
    return contract


def get_week_for(user, pk: int) -> Week:
    return get_object_or_404(WEEKS_FOR_PAGES.readable_by(user), pk=pk)


def get_week_to_act_on(user, pk: int) -> Week:
    week = get_week_for(user, pk)
    if week.engagement.side_of(user) is None:
        raise PermissionDenied(STAFF_READ_ONLY)
    return week


def get_entry_to_act_on(user, pk: int) -> TimeEntry:
    entry = get_object_or_404(
        TimeEntry.objects.select_related("week").filter(week__in=Week.objects.readable_by(user)),
        pk=pk,
    )
    entry.week = get_week_to_act_on(user, entry.week_id)
    return entry


def get_dispute(pk: int) -> WeekDispute:
    return get_object_or_404(
        WeekDispute.objects.select_related(
            "week__contract__engagement__service",
            "week__contract__engagement__client",
            "week__contract__engagement__freelancer__user",
            "week__payment",
        ),
        pk=pk,
    )
