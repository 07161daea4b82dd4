from celery import shared_task

from payments import notifications
from payments.delivery import remind_clients
from payments.reconciliation import reconcile
from payments.settlement import release_overdue


@shared_task
def release_overdue_milestones() -> int:
    """Each release re-checks the milestone under its row lock: a rerun, or a client acting
    at the same moment, is harmless."""
    return release_overdue()


@shared_task
def remind_clients_of_auto_release() -> int:
    """Each reminder is stamped under the milestone's lock when sent: sent once."""
    return remind_clients()


@shared_task
def reconcile_payments() -> int:
    """Compare the books with themselves and with Stripe; email staff any difference."""
    differences = reconcile()
    if differences:
        notifications.reconciliation_failed(differences=differences)
    return len(differences)
