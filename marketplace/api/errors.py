"""How the API says no: one JSON body for every error, and the domain's refusals as statuses.

Every error answers `{"detail": sentence, "code": word}`, plus `errors` (messages per field,
`non_field_errors` for the whole input) when the input was invalid. The workflows raise their
own refusals (`marketplace.refusals.Refused`), each with the status its app chose; they are
answered here, once, for every endpoint. Django's own 400/403/404/500 pages answer JSON for
`/api/` paths too, so no API client ever gets HTML.
"""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.fields import get_error_detail
from rest_framework.views import exception_handler as drf_exception_handler

from marketplace.database_outage import outage_from_current_exception
from marketplace.refusals import Refused as DomainRefusal

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
INVALID_INPUT = "Some of the input is not valid: see `errors` for the messages per field."
NAMES_NOTHING = (
    "The input names something that does not exist or that you may not use: see `errors`."
)


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documentation only)."""

    detail = serializers.CharField(help_text="What went wrong, in a sentence for people.")
    code = serializers.CharField(
        help_text="A stable word for programs: `invalid`, `not_authenticated`, "
        "`permission_denied`, `not_found`, `throttled`, `wrong_state`, `duplicate`, ..."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Only for invalid input (400): messages per field; `non_field_errors` "
        "holds messages about the input as a whole. Nested fields are named "
        "`field.index` or `field.subfield`.",
    )


class Refused(exceptions.APIException):
    """A domain refusal on its way to the client, with the status chosen for its code (and
    `Retry-After` when the refusal knows when trying again makes sense, e.g. a 503)."""

    def __init__(self, message: str, *, code: str, status_code: int, wait: int | None = None):
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.wait = wait


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, DomainRefusal):
        return _as_refused(exc)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=get_error_detail(exc))
    if isinstance(exc, IntegrityError):
        # The database's constraints are the last guard: a lost race, never a server error.
        logger.warning("API request refused by a database constraint: %s", exc)
        return Refused(
            "This conflicts with data that already exists; reload it and try again.",
            code="conflict",
            status_code=status.HTTP_409_CONFLICT,
        )
    return exc


def _as_refused(exc: DomainRefusal) -> exceptions.APIException:
    """An app's refusal with the status the app gave it."""
    if exc.code == "invalid":
        return exceptions.ValidationError({"non_field_errors": [exc.message]})
    if exc.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        throttled = exceptions.Throttled(wait=exc.retry_after)
        throttled.detail = exceptions.ErrorDetail(exc.message, code=exc.code)
        return throttled
    return Refused(exc.message, code=exc.code, status_code=exc.status_code, wait=exc.retry_after)


def exception_handler(exc: Exception, context: dict) -> HttpResponse | None:
    """DRF's handler (statuses, `Retry-After`, `WWW-Authenticate`), then our body."""
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's handler500 below answers JSON
    if isinstance(exc, exceptions.ValidationError) and _leaf_codes(exc.get_codes()) == {
        "does_not_exist"
    }:
        # Well-formed input naming something that is not there (or not yours): as for a
        # missing object in the address, a 404, with the fields that name it.
        response.status_code = status.HTTP_404_NOT_FOUND
        response.data = {
            "detail": NAMES_NOTHING,
            "code": "not_found",
            "errors": _flatten(exc.detail),
        }
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": INVALID_INPUT, "code": "invalid", "errors": _flatten(exc.detail)}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
        response.data = {
            "detail": str(detail.get("detail", detail) if isinstance(detail, dict) else detail),
            "code": _code_of(exc),
        }
    return response


def _leaf_codes(codes) -> set[str]:
    if isinstance(codes, dict):
        return set().union(*(_leaf_codes(value) for value in codes.values()))
    if isinstance(codes, list):
        return set().union(*(_leaf_codes(value) for value in codes))
    return {str(codes)}


def _code_of(exc: Exception) -> str:
    detail = getattr(exc, "detail", None)
    code = getattr(detail, "code", None) or getattr(exc, "default_code", None)
    return str(code or "error")


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"field" or "field.0.sub": [messages]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            name = f"{prefix}.{index}" if prefix else str(index)
            for field, messages in _flatten(item, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    return {prefix or "non_field_errors": [str(detail)]}


# Django's error views, with a JSON answer for API paths (set in marketplace/urls.py).

# What each error status says when nothing more precise is known.
DEFAULT_ERRORS = {
    400: ("The request could not be understood.", "bad_request"),
    403: ("You are not allowed to do this.", "permission_denied"),
    404: (
        "Nothing is at this address. The endpoints are listed in /api/schema/.",
        "not_found",
    ),
    405: ("This address does not answer this method.", "method_not_allowed"),
    500: (
        "Something went wrong on our side; it has been logged. Please try again later.",
        "server_error",
    ),
}


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status_code: int, detail: str = "", code: str = "") -> JsonResponse:
    """The `Error` body for a status, in the default words for it unless told otherwise."""
    default_detail, default_code = DEFAULT_ERRORS.get(
        status_code, (HTTPStatus(status_code).phrase + ".", "error")
    )
    return JsonResponse(
        {"detail": detail or default_detail, "code": code or default_code}, status=status_code
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return json_error(400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return json_error(403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return json_error(404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if outage := outage_from_current_exception(request):
        return outage  # the database failed outside a view, e.g. saving the session
    if is_api_request(request):
        return json_error(500)
    return defaults.server_error(request)
