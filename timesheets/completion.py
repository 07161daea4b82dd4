"""An ended hourly contract completes its engagement once every week of it is settled and
at least one was paid, as the last settled milestone completes one paid by milestones:
both sides are told, and reviews open."""

from engagements.transitions import complete_paid_work
from timesheets.models import (
    CHARGEABLE_STATES,
    HOLDING_STATES,
    Contract,
    ContractState,
    WeekState,
)

PAID_STATES = (WeekState.RELEASED, WeekState.SPLIT)


def complete_if_done(contract: Contract) -> None:
    """Inside the transaction of the change that may have settled the last week."""
    if contract.state != ContractState.ENDED:
        return
    weeks = contract.weeks.all()
    if weeks.filter(state__in=CHARGEABLE_STATES | HOLDING_STATES).exists():
        return
    if weeks.filter(state__in=PAID_STATES).exists():
        complete_paid_work(engagement=contract.engagement)
