from celery import shared_task

from saved_searches.alerting import send_due_alerts


@shared_task
def send_saved_search_alerts() -> int:
    """Email what is new for every saved search that is due (one email per person)."""
    return send_due_alerts()
