"""Checking a typed second-factor code (authenticator app or recovery code), rate-limited.

`ACCOUNT_RATE_LIMITS["second_factor"]`: per account and per address. Every attempt counts,
right or wrong; a right code empties the account's count. Past the limit even the right code
is refused until the window is over, the refusal goes on the audit trail and the owner is
emailed (once per window). The sign-in and re-authentication forms and the API's token
endpoint all check codes here.
"""

from allauth.core import context, ratelimit
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction

from accounts.notifications import send_second_factor_locked
from audit.addresses import client_address
from audit.models import Action
from audit.recording import record

ACTION = "second_factor"
OWNER_TOLD_SECONDS = 60


class CodeRefused(Exception):
    def __init__(self, message: str, *, code: str, authenticator: Authenticator | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        # The authenticator a wrong code was meant for (allauth's failure signal names it).
        self.authenticator = authenticator


def check_code(*, user, code: str) -> Authenticator:
    """The authenticator that accepts `code`; raise CodeRefused if none does or if limited."""
    key = f"second-factor-{user.pk}"
    request = context.request
    if not ratelimit.consume(request, action=ACTION, key=key):
        _tell_owner_once(user, request)
        raise CodeRefused("Too many wrong codes: try again in a minute.", code="too_many_attempts")
    authenticators = list(
        # Security keys answer a challenge; they cannot check a typed code.
        Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN)
    )
    for authenticator in authenticators:
        if authenticator.wrap().validate_code(code):
            authenticator.user = user
            ratelimit.clear(request, action=ACTION, key=key)
            return authenticator
    meant_for = next(
        (a for a in authenticators if a.type == Authenticator.Type.TOTP),
        authenticators[0] if authenticators else None,
    )
    raise CodeRefused("Incorrect code.", code="incorrect_code", authenticator=meant_for)


def _tell_owner_once(user, request) -> None:
    if not cache.add(f"second-factor-{user.pk}-owner-told", True, timeout=OWNER_TOLD_SECONDS):
        return
    with transaction.atomic():
        record(actor=None, action=Action.SECOND_FACTOR_LOCKED, subject=user, request=request)
        send_second_factor_locked(user=user, address=client_address(request))
