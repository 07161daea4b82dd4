"""The OpenAPI schema's view of the API: drf-spectacular, plus the error responses.

Every operation documents the errors it can answer with, in the shared `Error` body, so that
clients (and the schemathesis run in the tests) can rely on the documented status codes. An
operation's own `@extend_schema(responses=...)` adds codes such as 409 with their meaning;
the usual ones are added here by rule.
"""

import json

import django_filters
from django.db import models
from drf_spectacular import openapi
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import force_instance
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework import serializers

from marketplace.api.errors import ErrorSerializer
from marketplace.api.fields import SLUG_PATTERN

BODY_METHODS = {"POST", "PUT", "PATCH"}
NO_NUL_PATTERN = "^[^\\x00]*$"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

DESCRIPTIONS = {
    "400": "Invalid input: `errors` holds the messages per field.",
    "401": "Not signed in, or the token is not valid (see `WWW-Authenticate`).",
    "403": "Signed in, but not allowed to do this (or, with a session, the CSRF token is missing).",
    "404": "No such object, or not one you may see (in the address, or named in the body).",
    "414": "The address is longer than the web server accepts (gunicorn: 4,094 bytes for "
    "the request line); it answers before the API, in HTML.",
    "409": "A conflict with the current state, e.g. this `Idempotency-Key` was already used "
    "for a different request.",
    "415": "The request body is not in a supported format.",
    "429": "Too many requests: try again after the seconds given in `Retry-After`.",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._error_response(code)
        return dict(sorted(responses.items()))

    def _map_serializer(self, serializer, direction, bypass_extensions=False) -> dict:
        """A serializer's schema, with `one_of_required`: fields of which a new object needs
        at least one (the form's rule, e.g. an hourly rate or a starting price)."""
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        names = getattr(serializer, "one_of_required", ())
        if direction == "request" and names and not getattr(serializer, "partial", False):
            schema["anyOf"] = [
                {"required": [name], "properties": {name: {"type": "string"}}} for name in names
            ]
        # `exactly_one_of`: fields of which a request names one and only one (a favourite's
        # target): each alternative requires one field, and `oneOf` refuses a body with two.
        names = getattr(serializer, "exactly_one_of", ())
        if direction == "request" and names:
            schema["oneOf"] = [{"required": [name]} for name in names]
        return schema

    def _get_filter_parameters(self) -> list[dict]:
        """django-filter's parameters, with the bounds each filter's form field applies."""
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        for parameter in parameters:
            query_filter = filters.get(parameter["name"])
            if query_filter is not None:
                _add_filter_bounds(parameter["schema"], query_filter)
        return parameters

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
        if has_path_parameters or is_list or self._names_objects_in_body():
            codes.append("404")
        if self.method in BODY_METHODS and self.get_request_serializer() is not None:
            codes.append("415")
        codes.append("414")
        return codes

    def _names_objects_in_body(self) -> bool:
        """Whether the request body names objects (by slug or id) that may not exist."""
        if self.method not in BODY_METHODS:
            return False
        serializer = self.get_request_serializer()
        if isinstance(serializer, dict):  # one per media type
            serializer = next(iter(serializer.values()), None)
        fields = getattr(force_instance(serializer), "fields", {}).values()
        return any(
            isinstance(field, serializers.RelatedField | serializers.ManyRelatedField)
            or isinstance(getattr(field, "child", None), serializers.RelatedField)
            for field in fields
        )

    def _error_response(self, code: str) -> dict:
        if code == "414":
            return {
                "content": {"text/html": {"schema": {"type": "string"}}},
                "description": DESCRIPTIONS[code],
            }
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


def published_schema() -> dict:
    """The schema exactly as /api/schema/?format=json serves it."""
    raw = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(raw))


def _add_filter_bounds(schema: dict, query_filter: django_filters.Filter) -> None:
    extra = query_filter.extra
    if "min_value" in extra:
        schema["minimum"] = extra["min_value"]
    if "max_value" in extra:
        schema["maximum"] = extra["max_value"]
    if "max_length" in extra:
        schema["maxLength"] = extra["max_length"]
    if isinstance(query_filter, django_filters.CharFilter):
        # A NUL character is refused before any view (marketplace.input_guards).
        schema["pattern"] = NO_NUL_PATTERN
    slug_field = slug_field_of(query_filter)
    if isinstance(query_filter, django_filters.ModelMultipleChoiceFilter):
        # Each value must name an object: an empty one names none and is refused.
        schema = schema.setdefault("items", {"type": "string"})
        schema["minLength"] = 1
    if slug_field is not None:
        # An empty single value means "no filter"; anything else must be shaped like a slug.
        schema["pattern"] = (
            SLUG_PATTERN if schema.get("minLength") else f"^(?:{SLUG_PATTERN[1:-1]})?$"
        )
        schema["maxLength"] = slug_field.max_length


def slug_field_of(query_filter: django_filters.Filter) -> models.SlugField | None:
    """The slug field a model choice filter looks objects up by, if that is what it does."""
    if not isinstance(
        query_filter, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
    ):
        return None
    model = query_filter.queryset.model
    field = model._meta.get_field(query_filter.extra.get("to_field_name") or "pk")
    return field if isinstance(field, models.SlugField) else None
