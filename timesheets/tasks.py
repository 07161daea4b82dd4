from celery import shared_task

from timesheets.charging import charge_closed_weeks
from timesheets.review import release_reviewed


@shared_task
def charge_closed_hourly_weeks() -> int:
    """Each week is charged under its row lock after its attempt is on the books: a rerun,
    a second beat or a crash between the charge and the ledger charges nothing twice."""
    return charge_closed_weeks()


@shared_task
def release_reviewed_hourly_weeks() -> int:
    return release_reviewed()
