"""Refuse input no view can use before any view sees it: NUL characters, and query strings
longer than any search needs.

PostgreSQL text cannot hold U+0000: a lookup or a save with one raises DataError, a 500 with
a traceback, from any field that does not check for it (slugs, choices, primary keys, search
terms). Form CharFields refuse it already; everything else is checked once here: the path's
parameters, the query string and form bodies (JSON bodies are checked by the API's parser).
The answer is a 400 that names each field: the API's error body under /api/, a page in the
site's layout elsewhere.
"""

import contextlib

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

NUL = "\x00"
NUL_MESSAGE = "Null characters are not allowed."
# Longer than the longest query the API schema allows (tests/api/test_schema.py adds it up),
# and than any search form sends. gunicorn.conf.py lets request lines this long through, so
# that the answer is the site's (JSON under /api/), not the web server's HTML.
MAX_QUERY_STRING = 4096
QUERY_TOO_LONG = (
    f"The query string is longer than {MAX_QUERY_STRING:,} characters: ask for less at once."
)


def nul_errors(request: HttpRequest, view_kwargs: dict) -> dict[str, list[str]]:
    """{field: [message]} for each path parameter, query or form field holding a NUL."""
    errors: dict[str, list[str]] = {}
    for name, value in view_kwargs.items():
        if isinstance(value, str) and NUL in value:
            errors[name] = [NUL_MESSAGE]
    sources = [request.GET]
    if request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        # A malformed body is left to the view, which answers for it as before.
        with contextlib.suppress(MultiPartParserError):
            sources.append(request.POST)
    for data in sources:
        for name, values in data.lists():
            if NUL in name or any(NUL in value for value in values):
                errors[name.replace(NUL, "\\u0000")] = [NUL_MESSAGE]
    if NUL in request.path_info and not errors:
        errors["non_field_errors"] = [NUL_MESSAGE]
    return errors


class NullCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        errors = nul_errors(request, view_kwargs)
        if not errors:
            return None
        if request.path_info.startswith("/api/"):
            # Imported here: the API's modules import this one (its parser shares NUL_MESSAGE).
            from marketplace.api.errors import INVALID_INPUT

            return JsonResponse(
                {"detail": INVALID_INPUT, "code": "invalid", "errors": errors}, status=400
            )
        return render(request, "bad_input.html", {"errors": errors}, status=400)


class LongQueryStringMiddleware:
    """414 for a query string past MAX_QUERY_STRING: the API's error body, or a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": QUERY_TOO_LONG, "code": "uri_too_long"}, status=414)
        errors = {"non_field_errors": [QUERY_TOO_LONG]}
        return render(request, "bad_input.html", {"errors": errors}, status=414)
