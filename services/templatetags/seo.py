"""Tags for search engines and link previews: JSON-LD blocks and meta descriptions."""

from django import template
from django.utils.text import Truncator

from marketplace import structured_data

register = template.Library()


@register.filter
def json_ld(data: dict):
    return structured_data.json_ld_script(data)


@register.filter
def meta_summary(text: str, length: int = 160) -> str:
    """One line of plain text for a meta description: whitespace collapsed, cut at `length`."""
    return Truncator(" ".join(str(text).split())).chars(length)


@register.filter
def absolute_url(path_or_url: str) -> str:
    return structured_data.absolute_url(path_or_url)
