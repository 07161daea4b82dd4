"""Serializer fields the apps' API serializers share."""

from django.core.validators import slug_re
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.URI)
class PageURLField(serializers.Field):
    """The absolute address of the object's page on the site (its `get_absolute_url`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The object's page on the site.")
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        url = obj.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


# Django's slug check, in the ECMA dialect of the schema.
SLUG_PATTERN = slug_re.pattern.replace(r"\Z", "$")


@extend_schema_field({"type": "string", "pattern": SLUG_PATTERN})
class SlugLookupField(serializers.SlugRelatedField):
    """An object named by its slug in a request body; a value not shaped like a slug is
    refused before any query (PostgreSQL refuses text with NUL bytes: a server error)."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not slug_re.match(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class RedirectingSlugField(SlugLookupField):
    """An object by slug; a slug it had before a rename (kept in its `redirects` relation as
    `old_slug`) names it still, as its old address still leads to it on the site (301). Only
    objects in the field's queryset count, so a renamed one the caller may not see stays
    unknown."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        queryset = self.get_queryset()
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            renamed = isinstance(data, str) and slug_re.match(data)
            found = renamed and queryset.filter(redirects__old_slug=data).first()
            if not found:
                raise
            return found
