"""`{% icon "search" %}`: an icon of the vendored Lucide set (static/icons/, ISC licence),
written into the page as inline SVG.

Inline, so that an icon costs no request, follows the text colour (`stroke: currentColor`) and
needs nothing from the content security policy. Icons are decorative (`aria-hidden`): the
text beside them, or a visually hidden label, says what they mean.
"""

import functools
import re

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_LICENCE_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_ROOT_ATTRIBUTES = re.compile(r"<svg\b[^>]*>", re.S)


@functools.cache
def _icon_body(name: str) -> str:
    """The drawing inside the icon's <svg> element (its paths, circles...)."""
    path = finders.find(f"icons/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(f"No icon named {name!r} in static/icons/.")
    with open(path, encoding="utf-8") as file:
        source = _LICENCE_COMMENT.sub("", file.read())
    body = _ROOT_ATTRIBUTES.sub("", source, count=1).replace("</svg>", "")
    return " ".join(body.split())


@register.simple_tag
def icon(name: str, extra_class: str = "") -> SafeString:
    """The icon `name` (a file name in static/icons/ without .svg) as inline SVG."""
    classes = f"icon {extra_class}".strip()
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
        'focusable="false">{}</svg>',
        classes,
        mark_safe(_icon_body(name)),  # our own vendored file
    )
