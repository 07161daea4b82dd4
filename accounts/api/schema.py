"""How the OpenAPI schema describes the token and session API: summaries, the rules in words
and the responses. Each view takes its description by name (`@schema.<view>`)."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema

from accounts.api.serializers import TokenRequestSerializer, TokenSerializer
from marketplace.api.errors import ErrorSerializer

WRONG_CREDENTIALS = "No active account has this email and password."


token_obtain = extend_schema(
    operation_id="auth_token_obtain",
    summary="Obtain a new token",
    description="Creates a named token and answers its key, shown this once (only a "
    "digest is kept); list your tokens with `auth_tokens_list`. An account with two-factor "
    "sign-in must send `code`. Wrong credentials answer 401; repeated failures are refused "
    "with 429 per address (`API_THROTTLE_TOKEN`), per account (5 failed passwords in 5 "
    "minutes) and, for codes, 10 a minute per account. A staff account needs a second "
    "factor before it can have a token.",
    request=TokenRequestSerializer,
    responses={
        200: TokenSerializer,
        400: OpenApiResponse(
            ErrorSerializer,
            description="A field is missing or malformed, or the code is missing or wrong "
            "(`code_required`, `incorrect_code`).",
        ),
        409: OpenApiResponse(
            ErrorSerializer,
            description="The account holds its most tokens (`too_many_tokens`): revoke one.",
        ),
        401: OpenApiResponse(ErrorSerializer, description=WRONG_CREDENTIALS),
        403: OpenApiResponse(
            ErrorSerializer,
            description="The email address is not confirmed yet, or a staff account has "
            "no second factor.",
        ),
        429: OpenApiResponse(ErrorSerializer, description="Too many attempts."),
    },
    auth=[],
    examples=[
        OpenApiExample(
            "Client credentials",
            value={
                "email": "client@example.com",
                "password": "demo-client",
                "name": "Invoicing script",
            },
            request_only=True,
        ),
        OpenApiExample(
            "A token",
            value={
                "token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
                "id": 7,
                "name": "Invoicing script",
            },
            response_only=True,
        ),
    ],
)

token_revoke = extend_schema(
    operation_id="auth_token_revoke",
    summary="Revoke the token in use",
    description="Deletes the token this request is signed with; other tokens stay "
    "(revoke those with `auth_tokens_destroy`).",
    request=None,
    responses={
        204: None,
        400: OpenApiResponse(
            ErrorSerializer, description="The request is signed in with a session cookie."
        ),
    },
)

token_list = extend_schema(
    summary="Your API tokens",
    description="Names, the key's first characters, creation and last use (to the minute). "
    "Keys are never shown again.",
)

token_destroy = extend_schema(
    summary="Revoke one of your tokens", description="Others' tokens are a 404."
)

session_list = extend_schema(
    summary="Where your account is signed in",
    description="The account's browser sessions (API tokens are listed by `auth_tokens_list`).",
)

session_destroy = extend_schema(
    summary="End one of your sessions",
    description="Signs that browser out. Others' sessions are a 404.",
    responses={204: None},
)
