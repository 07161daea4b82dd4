from celery import shared_task

from idempotency.pruning import prune_idempotency_keys as prune


@shared_task
def prune_idempotency_keys() -> int:
    """Forget keys older than a day: deleting the same expired rows twice changes nothing."""
    return prune()
