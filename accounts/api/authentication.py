from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.models import ApiToken
from accounts.tokens import note_use


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` with any of the user's named tokens (accounts.ApiToken)."""

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.for_key(key).select_related("user").first()
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        note_use(token)
        return token.user, token
