"""The OpenAPI schema's view of the API: drf-spectacular, plus the error responses.

Every operation documents the errors it can answer with, in the shared `Error` body, so that
clients (and the schemathesis run in the tests) can rely on the documented status codes. An
operation's own `@extend_schema(responses=...)` adds codes such as 409 with their meaning;
the usual ones are added here by rule.
"""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter

from marketplace.api.errors import ErrorSerializer

BODY_METHODS = {"POST", "PUT", "PATCH"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

DESCRIPTIONS = {
    "400": "Invalid input: `errors` holds the messages per field.",
    "401": "Not signed in, or the token is not valid (see `WWW-Authenticate`).",
    "403": "Signed in, but not allowed to do this (or, with a session, the CSRF token is missing).",
    "404": "No such object, or not one you may see.",
    "415": "The request body is not in a supported format.",
    "422": "This `Idempotency-Key` was already used for a different request.",
    "429": "Too many requests: try again after the seconds given in `Retry-After`.",
}

# Read by idempotency/middleware.py for every API POST and PUT.
IDEMPOTENT_METHODS = {"POST", "PUT"}
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "A unique value per operation (e.g. a UUID), sent again unchanged when retrying it. "
        "A retry with the same key and body gets the first successful answer again (with "
        "`Idempotent-Replayed: true`) and changes nothing; the same key with another request "
        "is a 422. Keys are per user and kept for 24 hours; failed requests (4xx, 5xx) keep "
        "nothing, so they may be corrected and sent with the same key."
    ),
)


class AutoSchema(openapi.AutoSchema):
    def get_override_parameters(self) -> list:
        parameters = super().get_override_parameters()
        if self.method in IDEMPOTENT_METHODS:
            parameters = [*parameters, IDEMPOTENCY_KEY]
        return parameters

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._error_response(code)
        return dict(sorted(responses.items()))

    def _error_codes(self) -> list[str]:
        view = self.view
        has_path_parameters = "{" in self.path
        is_list = self.method == "GET" and self._is_list_view() and self._get_paginator()
        codes = ["429"] if view.get_throttles() else []
        if self.method in BODY_METHODS or is_list or self._get_filter_parameters():
            codes.append("400")
        if view.get_authenticators():
            codes.append("401")
        if self.method not in SAFE_METHODS:
            codes.append("403")
        if has_path_parameters or is_list:
            codes.append("404")
        if self.method in BODY_METHODS and self.get_request_serializer() is not None:
            codes.append("415")
        if self.method in IDEMPOTENT_METHODS:
            codes.append("422")
        return codes

    def _error_response(self, code: str) -> dict:
        response = self._get_response_for_code(
            ErrorSerializer, code, media_types=["application/json"], direction="response"
        )
        response["description"] = DESCRIPTIONS[code]
        if code == "429":
            response["headers"] = {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before the next request.",
                }
            }
        return response
