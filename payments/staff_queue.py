"""The one queue of disputes staff decide: the milestones' own, and those of other escrowed
items (an hourly week's), which their apps list through `settings.STAFF_DISPUTE_QUEUES` so
that this app needs none of them. Each is decided the same way: an amount back to the card,
the rest released."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class OpenDispute:
    """A row of the staff's queue for a dispute of another app's item."""

    title: str
    service_title: str
    url: str  # where staff decide it
    amount: str  # formatted with its currency
    opened_by: str  # "the client", "the freelancer"
    opened_at: datetime
    answer: str  # where the other side's answer stands


def other_open_disputes() -> list[OpenDispute]:
    rows = [row for path in settings.STAFF_DISPUTE_QUEUES for row in import_string(path)()]
    return sorted(rows, key=lambda row: row.opened_at)
