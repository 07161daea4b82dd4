from celery import shared_task

from orders.lateness import mark_late_orders as mark


@shared_task
def mark_late_orders() -> int:
    """Each order is re-checked under its milestone's lock and stamped: marked (and its
    emails sent) once, however often this runs."""
    return mark()
