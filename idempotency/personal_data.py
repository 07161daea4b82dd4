"""Stored API answers hold what the person sent and got back: an erasure deletes them."""

from accounts.personal_data import eraser
from idempotency.models import IdempotencyKey


@eraser("idempotency_keys", order=10)
def erase_idempotency_keys(user) -> list:
    IdempotencyKey.objects.filter(user=user).delete()
    return []
