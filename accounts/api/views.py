"""API tokens and sessions: a client trades credentials for a named token, lists and revokes
its tokens, and lists and ends the account's signed-in browser sessions."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.utils import has_verified_email
from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import (
    APIException,
    AuthenticationFailed,
    PermissionDenied,
    Throttled,
    ValidationError,
)
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import schema
from accounts.api.serializers import (
    ApiTokenSerializer,
    SessionSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from accounts.models import ApiToken
from accounts.second_factor import CodeRefused, check_code
from accounts.sessions import end_user_sessions, live_sessions_of
from accounts.tokens import TooManyTokens, create_token, revoke_token
from audit.models import Action
from audit.recording import record
from marketplace.api.throttling import AnonRateThrottle, TokenRequestThrottle, UserRateThrottle


class TokenLimitReached(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "too_many_tokens"


class NotSignedInWithAToken(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = (
        "This request is signed in with a session, not a token: revoke a token by its id "
        "(auth_tokens_destroy)."
    )
    default_code = "no_token"


class TokenView(APIView):
    """POST trades credentials for a new named token; DELETE revokes the token in use."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_authenticators(self):
        # Obtaining a token needs no prior sign-in, and a stale token must not block it.
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    def get_authenticate_header(self, request: Request) -> str:
        # Wrong credentials are a 401, which must say how to authenticate: with a token.
        return TokenAuthentication().authenticate_header(request)

    def get_throttles(self):
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return [TokenRequestThrottle(), AnonRateThrottle()]
        return [UserRateThrottle()]

    @schema.token_obtain
    def post(self, request: Request) -> Response:
        credentials = TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        data = credentials.validated_data
        user = self._authenticate(request, data["email"], data["password"])
        if user.is_staff and settings.MFA_REQUIRED_FOR_STAFF and not is_mfa_enabled(user):
            raise PermissionDenied(
                "Staff accounts need two-factor sign-in: add a second factor on the site first.",
                code="second_factor_required",
            )
        if is_mfa_enabled(user):
            self._check_second_factor(user, data.get("code"))
        try:
            token, key = create_token(user=user, name=data["name"], request=request._request)
        except TooManyTokens as refusal:
            raise TokenLimitReached(str(refusal)) from None
        return Response(TokenSerializer({"token": key, "id": token.pk, "name": token.name}).data)

    def _authenticate(self, request: Request, email: str, password: str):
        # allauth's own check, as the sign-in page makes it: the same count of failed
        # passwords per account and address, and a failure on the audit trail.
        try:
            user = get_account_adapter(request._request).authenticate(
                request._request, email=email, password=password
            )
        except DjangoValidationError:
            raise Throttled(wait=60, detail="Too many failed sign-ins: try again later.") from None
        if user is None or not user.is_active:
            # 401, not 400: the input is well formed, the credentials are not valid.
            raise AuthenticationFailed(schema.WRONG_CREDENTIALS, code="invalid_credentials")
        verification = allauth_settings.EMAIL_VERIFICATION
        if verification == allauth_settings.EmailVerificationMethod.MANDATORY and (
            not has_verified_email(user)
        ):
            raise PermissionDenied(
                "Confirm your email address first: follow the link we emailed you.",
                code="email_unverified",
            )
        return user

    def _check_second_factor(self, user, code: str | None) -> None:
        if not code:
            raise ValidationError(
                {"code": ["This account has two-factor sign-in: send a code."]},
                code="code_required",
            )
        try:
            authenticator = check_code(user=user, code=code)
        except CodeRefused as refusal:
            if refusal.code == "too_many_attempts":
                raise Throttled(wait=60, detail=refusal.message) from None
            record(
                actor=None,
                action=Action.SECOND_FACTOR_FAILED,
                subject=user,
                request=self.request._request,
                data={"via": "api"},
            )
            raise ValidationError({"code": [refusal.message]}, code=refusal.code) from None
        authenticator.record_usage()
        if authenticator.type == authenticator.Type.RECOVERY_CODES:
            record(
                actor=user,
                action=Action.RECOVERY_CODE_USED,
                target=authenticator,
                subject=user,
                request=self.request._request,
                data={"via": "api"},
            )

    @schema.token_revoke
    def delete(self, request: Request) -> Response:
        if not isinstance(request.auth, ApiToken):
            raise NotSignedInWithAToken()
        revoke_token(token=request.auth, actor=request.user, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@schema.token_list
class ApiTokenListView(generics.ListAPIView):
    serializer_class = ApiTokenSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None  # at most accounts.tokens.MAX_TOKENS_PER_USER

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user)


@schema.token_destroy
class ApiTokenDetailView(generics.DestroyAPIView):
    serializer_class = ApiTokenSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user)

    def perform_destroy(self, token: ApiToken) -> None:
        revoke_token(token=token, actor=self.request.user, request=self.request._request)


@schema.session_list
class SessionListView(generics.ListAPIView):
    serializer_class = SessionSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        return live_sessions_of(self.request.user).order_by("-created_at")


@schema.session_destroy
class SessionDetailView(APIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request: Request, pk: int) -> Response:
        session = get_object_or_404(UserSession, pk=pk, user=request.user)
        end_user_sessions(request=request._request, sessions=[session])
        return Response(status=status.HTTP_204_NO_CONTENT)
