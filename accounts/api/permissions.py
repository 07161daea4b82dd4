"""The API's side of `accounts.security.require_recent_mfa`, for the endpoints that move a
freelancer's money out or say where it goes (payout requests and details)."""

from allauth.mfa.utils import is_mfa_enabled
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated

from accounts.second_factor import CodeRefused, check_code
from accounts.security import has_recent_mfa

SECOND_FACTOR_HEADER = "X-Second-Factor-Code"
SECOND_FACTOR_PARAMETER = OpenApiParameter(
    SECOND_FACTOR_HEADER,
    {"type": "string", "pattern": "^[0-9A-Za-z-]{6,20}$"},
    OpenApiParameter.HEADER,
    required=False,
    description="A current code of the account's authenticator app (or a recovery code). "
    "Needed unless this session used its second factor within the re-authentication time; "
    "an account without two-factor sign-in is refused (403, `code` `second_factor_needed`). "
    "Wrong codes are limited per account and address.",
)


class RecentSecondFactor(IsAuthenticated):
    """Signed in with a second factor on the account, and either a session that used it
    recently or a code in the `X-Second-Factor-Code` header."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        user = request.user
        if not is_mfa_enabled(user):
            raise PermissionDenied(
                "This needs two-factor sign-in: add a second factor to your account first.",
                code="second_factor_needed",
            )
        if has_recent_mfa(request._request):
            return True
        code = request.headers.get(SECOND_FACTOR_HEADER, "").strip()
        if not code:
            raise PermissionDenied(
                f"Send a current code of your second factor in {SECOND_FACTOR_HEADER}.",
                code="second_factor_required",
            )
        try:
            check_code(user=user, code=code)
        except CodeRefused as refused:
            raise PermissionDenied(refused.message, code=refused.code) from None
        return True
