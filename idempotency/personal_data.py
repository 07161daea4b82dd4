"""Stored API answers hold what the person sent and got back: an erasure deletes them."""

from idempotency.models import IdempotencyKey
from marketplace.personal_data import eraser


@eraser("idempotency_keys", order=10)
def erase_idempotency_keys(user) -> list:
    IdempotencyKey.objects.filter(user=user).delete()
    return []
