"""Two answers every address under /api/ gives the same way, whatever the view or the settings."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from rest_framework.views import APIView

from marketplace.api.errors import is_api_request, json_error


class ApiErrorMiddleware:
    """A method the endpoint lacks is a 405 before anything else; every error is JSON.

    DRF authenticates and checks permissions before it looks at the method, so `TRACE` on an
    endpoint that needs a sign-in answered 401, as if signing in would make `TRACE` work.
    And with DEBUG on, Django's technical 404 and 500 pages are HTML: an API client must get
    the same `Error` body in development as in production.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            is_api_request(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return json_error(response.status_code)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "cls", None)
        if not (is_api_request(request) and view_class and issubclass(view_class, APIView)):
            return None
        allowed = allowed_methods(view_class)
        if request.method in allowed:
            return None
        response = json_error(405, f'Method "{request.method}" not allowed.', "method_not_allowed")
        response["Allow"] = ", ".join(sorted(allowed))
        return response


def allowed_methods(view_class: type[APIView]) -> set[str]:
    """The methods the view answers, as DRF lists them in `Allow` (HEAD wherever GET is)."""
    methods = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    if "GET" in methods:
        methods.add("HEAD")
    return methods
