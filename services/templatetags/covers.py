"""Service covers and category icons on cards and pages (services.covers)."""

from django import template
from django.utils.safestring import SafeString

from services import covers
from services.templatetags.icons import icon

register = template.Library()


@register.simple_tag
def service_cover(service, prefix: str = "") -> SafeString:
    """The generated cover of `service` (loaded with its category and the category's parent);
    `prefix` tells apart two cards of one service on a page."""
    return covers.cover_svg(
        title=service.title,
        category=service.category,
        slug=service.slug,
        uid=f"{prefix}{service.pk}",
    )


@register.simple_tag
def category_icon(category) -> SafeString:
    """The icon of a category's top-level category (reads `parent`: select it)."""
    return icon(covers.category_style(category).icon, "icon--category")


@register.simple_tag
def sample_cover(category) -> SafeString:
    """A cover as a service of `category` would have it (the design system page)."""
    return covers.cover_svg(
        title=f"A service in {category.name}",
        category=category,
        slug=category.slug,
        uid=f"sample-{category.pk}",
    )
