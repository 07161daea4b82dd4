"""The hourly weeks in dispute, as rows of staff's one dispute queue (`payments.staff_queue`,
named in `settings.STAFF_DISPUTE_QUEUES`)."""

from django.urls import reverse

from money.formatting import format_money
from payments.staff_queue import OpenDispute
from timesheets.models import WeekDispute


def open_week_disputes() -> list[OpenDispute]:
    disputes = WeekDispute.objects.filter(resolved_at__isnull=True).select_related(
        "week__contract__engagement__service"
    )
    return [
        OpenDispute(
            title=f"Hourly work, {dispute.week.title.lower()}",
            service_title=dispute.week.contract.engagement.service.title,
            url=reverse("timesheets:dispute_resolve", args=[dispute.pk]),
            amount=format_money(dispute.week.amount, dispute.week.currency),
            opened_by="the client",
            opened_at=dispute.opened_at,
            # The freelancer is not asked for an answer: the week's entries are theirs.
            answer="ready to decide",
        )
        for dispute in disputes
    ]
