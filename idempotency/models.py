from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# How long a key's first response is kept for its retries (pruned by prune_idempotency_keys).
KEEP_FOR = timedelta(hours=24)
# The API methods that take a key, and what a key may be: the middleware applies both and the
# OpenAPI schema publishes them.
IDEMPOTENT_METHODS = frozenset({"POST", "PUT"})
KEY_MAX_LENGTH = 255
KEY_PATTERN = rf"^[\x21-\x7e]{{1,{KEY_MAX_LENGTH}}}$"  # printable ASCII, no spaces


class IdempotencyKeyQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - KEEP_FOR)


class IdempotencyKey(models.Model):
    """The first successful response to an API request sent with an `Idempotency-Key`.

    One row per user and key (the constraint is the guarantee: of two concurrent requests
    with one key, the second waits for the first and then finds its row). The row is written
    in the same transaction as whatever the request wrote, so both exist or neither does.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=KEY_MAX_LENGTH)
    # sha256 of the method, path, query and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    body = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = IdempotencyKeyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"
