"""Hourly work in a person's data export, and in their erasure: an account whose hourly weeks
still hold or wait for money is not erased until they are settled."""

from django.db.models import Q

from marketplace.personal_data import ExportPart, erasure_blocker, exporter
from timesheets.models import HOLDING_STATES, Contract, TimeEntry, Week, WeekState


def _theirs(user) -> Q:
    return Q(contract__engagement__client=user) | Q(contract__engagement__freelancer__user=user)


@exporter("hourly")
def export_hourly(user) -> ExportPart:
    return ExportPart(
        records={
            "contracts": list(
                Contract.objects.involving(user)
                .order_by("pk")
                .values("engagement_id", "state", "time_zone", "currency", "started_at")
            ),
            "weeks": list(
                Week.objects.filter(_theirs(user))
                .order_by("pk")
                .values("contract__engagement_id", "starts_on", "hours", "amount", "state")
            ),
            "time_entries": list(
                TimeEntry.objects.filter(week__contract__engagement__freelancer__user=user)
                .order_by("pk")
                .values("week__starts_on", "date", "hours", "description")
            ),
        }
    )


@erasure_blocker("hourly")
def hourly_money_pending(user) -> str | None:
    """Weeks in escrow, or logged time not yet charged or paid."""
    waiting = Week.objects.filter(_theirs(user)).filter(
        Q(state__in=HOLDING_STATES)
        | Q(state=WeekState.CHARGE_FAILED)
        | Q(state=WeekState.OPEN, hours__gt=0)
    )
    if waiting.exists():
        return (
            f"{waiting.count()} hourly week(s) of your contracts are not settled yet: wait "
            "until they are charged and released (or decided)."
        )
    return None
