"""The OpenAPI schema's view of the API: drf-spectacular, plus the error responses.

Every operation documents the errors it can answer with, in the shared `Error` body, so that
clients (and the schemathesis run in the tests) can rely on the documented status codes. An
operation's own `@extend_schema(responses=...)` adds codes such as 409 with their meaning;
the usual ones are added here by rule.
"""

import django_filters
from django.core.validators import MaxLengthValidator
from django.db import models
from drf_spectacular import openapi
from drf_spectacular.plumbing import force_instance
from rest_framework import serializers

from marketplace.api.errors import ErrorSerializer
from marketplace.api.fields import SLUG_PATTERN
from marketplace.input_guards import MAX_QUERY_STRING
from marketplace.validators import WHITESPACE

BODY_METHODS = {"POST", "PUT", "PATCH"}
NO_NUL_PATTERN = "^[^\\x00]*$"
NUL_IN_THE_ADDRESS = (
    "A NUL character anywhere in the address, a query parameter's name included, is one."
)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

DESCRIPTIONS = {
    "400": "Invalid input: `errors` holds the messages per field (or per query parameter). "
    + NUL_IN_THE_ADDRESS,
    "401": "Not signed in, or the token is not valid (see `WWW-Authenticate`).",
    "403": "Signed in, but not allowed to do this (or, with a session, the CSRF token is missing).",
    "404": "No such object, or not one you may see (in the address, or named in the body).",
    "414": f"The query string is longer than {MAX_QUERY_STRING:,} characters (JSON, code "
    "`uri_too_long`); or the whole request line is longer than the web server reads "
    "(gunicorn: 8,190 bytes), which it answers itself, in HTML.",
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
        bad_input = responses.get("400", {})
        if "NUL" not in bad_input.get("description", "NUL"):
            # An operation's own words about its 400: the rule every operation shares too.
            bad_input["description"] += f" {NUL_IN_THE_ADDRESS}"
        return dict(sorted(responses.items()))

    def _get_request_for_media_type(self, serializer, direction="request"):
        """A request body written as a plain schema is required when the schema requires a
        property: drf-spectacular calls every such body optional, and a client (schemathesis)
        may then send none and be refused for the missing fields."""
        schema, required = super()._get_request_for_media_type(serializer, direction)
        if isinstance(serializer, dict) and serializer.get("required"):
            required = True
        return schema, required

    def _map_serializer(self, serializer, direction, bypass_extensions=False) -> dict:
        """A serializer's schema, with `one_of_required`: fields of which a new object needs
        at least one (the form's rule, e.g. an hourly rate or a starting price)."""
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request":
            properties = schema.get("properties", {})
            for name, field in force_instance(serializer).fields.items():
                if name in properties and _stripped_text(field):
                    properties[name] = _state_stripped_length(properties[name], field)
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
        # `required_by_choice`: (field, {value: fields}): each value of the choice needs its
        # own fields, not null (a fixed budget needs its amount, an hourly one its range).
        choice = getattr(serializer, "required_by_choice", None)
        if direction == "request" and choice and not getattr(serializer, "partial", False):
            name, needs = choice
            properties = schema["properties"]
            schema["oneOf"] = [
                {
                    "required": [name, *fields],
                    "properties": {
                        # A pattern, not an enum: enums become components of their own.
                        name: {"type": "string", "pattern": f"^{value}$"},
                        # The field's type without `nullable`: null is not a value here.
                        **{field: {"type": properties[field]["type"]} for field in fields},
                    },
                }
                for value, fields in needs.items()
            ]
        # `sent_with_choice`: (field, {value: fields}): a body that sends the choice with
        # that value sends those fields with it, in a new object and an edit alike (a
        # multiple-choice question comes with its options).
        choice = getattr(serializer, "sent_with_choice", None)
        if direction == "request" and choice:
            name, needs = choice
            values = force_instance(serializer).fields[name].choices
            others = [value for value in values if value not in needs]
            # `properties` holds only for fields a body sends: a body without the choice
            # meets the first alternative too (a `not required` branch would say it again,
            # and schemathesis spends seconds per operation negating it).
            schema["anyOf"] = [
                {"properties": {name: {"type": "string", "pattern": f"^({'|'.join(others)})$"}}},
                *(
                    {
                        "required": [name, *fields],
                        "properties": {name: {"type": "string", "pattern": f"^{value}$"}},
                    }
                    for value, fields in needs.items()
                ),
            ]
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
        # Any operation: a NUL in the query string is refused before the view (input_guards).
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
            response = self._get_response_for_code(
                ErrorSerializer, code, media_types=["application/json"], direction="response"
            )
            response["content"]["text/html"] = {"schema": {"type": "string"}}
            response["description"] = DESCRIPTIONS[code]
            return response
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
        for validator in extra.get("validators", ()):
            if isinstance(validator, MaxLengthValidator):  # of the list: how many values
                schema["maxItems"] = validator.limit_value
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


def _stripped_text(field) -> bool:
    """A text field of a request body whose value the server strips before it checks it: DRF
    strips (`trim_whitespace`), and so does every Django form a FormSerializer binds."""
    # Imported here: the form serializers' module imports DRF views, which read this module.
    from marketplace.api.form_serializers import FormSerializer

    if type(field) not in (serializers.CharField, serializers.URLField) or field.read_only:
        return False
    if not isinstance(field.parent, serializers.Serializer):
        return False  # a list's item: lists of names skip the empty ones
    return field.trim_whitespace or isinstance(field.parent, FormSerializer)


def _state_stripped_length(schema: dict, field) -> dict:
    """Say in a pattern how long the text is once stripped: at least `min_length` (or 1), and
    at most `max_length` when DRF strips before counting, instead of a `maxLength` of the
    unstripped text. Any pattern the field had is kept, after a lookahead. A field that may be
    blank is "that, or nothing but whitespace"."""
    space = f"[{WHITESPACE}]"
    if not field.allow_blank:
        return _stated_text(schema, field)
    if "oneOf" in schema:
        outer = {key: value for key, value in schema.items() if key != "oneOf"}
        base = schema["oneOf"][0]
    else:
        outer = {key: value for key, value in schema.items() if key in DESCRIBING}
        base = {key: value for key, value in schema.items() if key not in DESCRIBING}
    blank = {"type": "string", "pattern": f"^{space}*$"}
    if field.max_length and not field.trim_whitespace:
        blank["maxLength"] = field.max_length  # counted before the form strips it
    return {"oneOf": [_stated_text(base, field), blank], **outer}


# What describes a property rather than its values.
DESCRIBING = {"description", "title", "default", "nullable", "readOnly", "writeOnly"}


def _stated_text(schema: dict, field) -> dict:
    space, text = f"[{WHITESPACE}]", f"[^{WHITESPACE}]"
    shortest = field.min_length or 1
    longest = field.max_length if field.trim_whitespace else None
    if longest:
        schema.pop("maxLength", None)
        inner = rf"[\s\S]{{{max(shortest - 2, 0)},{longest - 2}}}"
    else:
        inner = rf"[\s\S]{{{max(shortest - 2, 0)},}}"
    stripped = rf"{text}(?:{inner}{text})?" if shortest <= 1 else rf"{text}{inner}{text}"
    length = f"{space}*{stripped}{space}*$"
    pattern = schema.get("pattern")
    schema["pattern"] = f"^(?={length}){pattern[1:]}" if pattern else f"^{length}"
    if schema.get("format") == "uri":
        del schema["format"]  # with whitespace at either end, a URI only once stripped
    return schema
