"""API tokens: made (the key shown once), used, revoked; each step on the audit trail."""

import secrets
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.tasks import stamp_token_use
from audit.models import Action
from audit.recording import record

# A person scripting against the API needs a few; a leak of hundreds would go unnoticed.
MAX_TOKENS_PER_USER = 20
# `last_used_at` is written at most this often per token: not one write per API request.
LAST_USED_PRECISION = timedelta(minutes=1)


class TooManyTokens(Exception):
    pass


def create_token(*, user: User, name: str, request: HttpRequest | None) -> tuple[ApiToken, str]:
    """Make a token named `name` and return it with its key, which is never shown again."""
    with transaction.atomic():
        # Lock the user's row: two requests at once cannot both make the 21st token.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if user.api_tokens.count() >= MAX_TOKENS_PER_USER:
            raise TooManyTokens(
                f"You have {MAX_TOKENS_PER_USER} tokens already: revoke one you no longer use."
            )
        key = secrets.token_hex(20)
        token = ApiToken.objects.create(
            user=user, name=name.strip(), key_digest=ApiToken.digest(key), prefix=key[:6]
        )
        record(
            actor=user,
            action=Action.TOKEN_CREATED,
            target=token,
            subject=user,
            request=request,
            data={"token": token.pk},
        )
    return token, key


def revoke_token(*, token: ApiToken, actor: User, request: HttpRequest | None) -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action=Action.TOKEN_REVOKED,
            target=token,
            subject=token.user,
            request=request,
            data={"token": token.pk},
        )
        token.delete()


def note_use(token: ApiToken) -> None:
    """Have the token's last use stamped, at most once a minute (`LAST_USED_PRECISION`), by a
    task after the request: an API request never waits on (or fails for) this write."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    if cache.add(f"api-token-used:{token.pk}", True, LAST_USED_PRECISION.total_seconds()):
        transaction.on_commit(lambda: stamp_token_use.delay(token.pk, now.isoformat()), robust=True)
