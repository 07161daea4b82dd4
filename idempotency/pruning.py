"""Forgetting idempotency keys once their retries can no longer come (run periodically)."""

from idempotency.models import IdempotencyKey


def prune_idempotency_keys() -> int:
    """Delete the keys older than `KEEP_FOR`; return how many went."""
    deleted, _ = IdempotencyKey.objects.expired().delete()
    return deleted
