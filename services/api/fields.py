"""Serializer fields for naming a service in a request body."""

from django.core.validators import slug_re
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.STR)
class ServiceSlugField(serializers.SlugRelatedField):
    """A service by slug; an old slug of a renamed service names it still, as its old
    address still leads to it on the site (301). Only services in the field's queryset count,
    so a renamed service one may not see stays unknown."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        # Only what looks like a slug is looked up: PostgreSQL refuses text with NUL bytes.
        if not isinstance(data, str) or not slug_re.match(data):
            self.fail("invalid")
        queryset = self.get_queryset()
        service = (
            queryset.filter(slug=data).first() or queryset.filter(redirects__old_slug=data).first()
        )
        if service is None:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return service
