"""Serializer fields for naming a service in a request body."""

from marketplace.api.fields import RedirectingSlugField


class ServiceSlugField(RedirectingSlugField):
    """A service by slug, or by the slug it had before a rename."""
