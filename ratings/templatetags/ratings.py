"""Star ratings drawn in text, with a text alternative for screen readers."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_FULL = '<span class="star star--full">★</span>'
_HALF = '<span class="star star--half">★</span>'
_EMPTY = '<span class="star star--empty">★</span>'


@register.simple_tag
def stars(value) -> SafeString:
    """Five stars for a 1-to-5 rating, rounded to the nearest half star.

    `value` None (no reviews yet) draws five empty stars labelled "No rating yet". Built in
    Python rather than by an inclusion template: every card and review draws one, and a
    template per star set was a tenth of a list page's rendering.
    """
    if value is None:
        full, half, label = 0, 0, "No rating yet"
    else:
        halves = int((Decimal(value) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        full, half = divmod(max(0, min(10, halves)), 2)
        label = f"Rated {f'{Decimal(value):.1f}'.removesuffix('.0')} out of 5"
    # Our own constant markup: nothing from the user goes in.
    drawn = mark_safe(_FULL * full + _HALF * half + _EMPTY * (5 - full - half))
    return format_html('<span class="stars" role="img" aria-label="{}">{}</span>', label, drawn)
