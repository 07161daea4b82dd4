from celery import shared_task

from engagements.transitions import complete_overdue


@shared_task
def complete_overdue_engagements() -> int:
    """The periodic sweep; each completion re-checks under a row lock, so a rerun is harmless."""
    return complete_overdue()
