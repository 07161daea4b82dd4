"""API tokens: a client trades an email and password for a token, and can revoke it."""

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import has_verified_email
from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import TokenRequestSerializer, TokenSerializer
from marketplace.api.errors import ErrorSerializer
from marketplace.api.throttling import AnonRateThrottle, TokenRequestThrottle, UserRateThrottle


class TokenView(APIView):
    """POST trades credentials for the user's token; DELETE revokes the token in use."""

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

    @extend_schema(
        operation_id="auth_token_obtain",
        summary="Obtain a token",
        description="The same token is returned until it is revoked. Signing in with a "
        "wrong email or password answers 401; at most a few attempts a minute per address.",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            401: OpenApiResponse(
                ErrorSerializer, description="No active account has this email and password."
            ),
            403: OpenApiResponse(
                ErrorSerializer, description="The account's email address is not confirmed yet."
            ),
        },
        auth=[],
        examples=[
            OpenApiExample(
                "Client credentials",
                value={"email": "client@example.com", "password": "demo-client"},
                request_only=True,
            ),
            OpenApiExample(
                "A token",
                value={"token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"},
                response_only=True,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        credentials = TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            email=credentials.validated_data["email"],
            password=credentials.validated_data["password"],
        )
        if user is None or not user.is_active:
            # 401, not 400: the input is well formed, the credentials are not valid.
            raise AuthenticationFailed(
                "No active account has this email and password.", code="invalid_credentials"
            )
        verification = allauth_settings.EMAIL_VERIFICATION
        if verification == allauth_settings.EmailVerificationMethod.MANDATORY and (
            not has_verified_email(user)
        ):
            raise PermissionDenied(
                "Confirm your email address first: follow the link we emailed you.",
                code="email_unverified",
            )
        token, _ = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)

    @extend_schema(
        operation_id="auth_token_revoke",
        summary="Revoke the token",
        description="Deletes the signed-in user's token; the next POST issues a new one.",
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
