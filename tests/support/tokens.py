"""API keys for tests, stored as the site stores them (a named token, only its digest kept).

Made directly rather than through `accounts.tokens.create_token`, whose limit of tokens per
person a long test would reach by signing in again and again.
"""

import secrets

from accounts.models import ApiToken


def token_key_for(user, name: str = "Tests") -> str:
    key = secrets.token_hex(20)
    ApiToken.objects.create(user=user, name=name, key_digest=ApiToken.digest(key), prefix=key[:6])
    return key
