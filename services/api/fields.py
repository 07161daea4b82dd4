"""Serializer fields for naming a service in a request body."""

from django.core.validators import slug_re
from rest_framework.exceptions import ValidationError

from marketplace.api.fields import SlugLookupField


class ServiceSlugField(SlugLookupField):
    """A service by slug; an old slug of a renamed service names it still, as its old
    address still leads to it on the site (301). Only services in the field's queryset count,
    so a renamed service one may not see stays unknown."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        queryset = self.get_queryset()
        try:
            return super().to_internal_value(data)
        except ValidationError:
            renamed = isinstance(data, str) and slug_re.match(data)
            service = renamed and queryset.filter(redirects__old_slug=data).first()
            if not service:
                raise
            return service
