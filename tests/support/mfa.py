"""Second factors for tests: TOTP codes computed here, as an authenticator app does
(RFC 6238: HMAC-SHA1 over the 30-second counter, 6 digits), independently of allauth."""

import base64
import hashlib
import hmac
import secrets
import struct
import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

PERIOD = 30  # seconds: RFC 6238's step, and allauth's
# A code is accepted in its own window only (MFA_TOTP_TOLERANCE is allauth's 0): one
# read this close to the window's end may reach the server in the next.
FRESH_SECONDS = 5


def totp_code(secret: str, at: float | None = None) -> str:
    """The code at `at`, or now: if the window has less than FRESH_SECONDS left, the next
    window's, waited for."""
    if at is None:
        left = PERIOD - time.time() % PERIOD
        if left < FRESH_SECONDS:
            time.sleep(left)
        at = time.time()
    counter = int(at // PERIOD)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_totp(user) -> str:
    """An authenticator app (and recovery codes) on `user`'s account; returns the secret."""
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def recovery_codes_of(user) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()


def confirm_identity(client, user, *, method: str = "password") -> None:
    """What re-authenticating leaves in the session: a fresh record of confirming identity
    (with the password, or with the second factor when `method` is "mfa")."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": method, "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
