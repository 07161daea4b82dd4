"""Star ratings drawn in text, with a text alternative for screen readers."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.inclusion_tag("reviews/includes/stars.html")
def stars(value) -> dict:
    """Five stars for a 1-to-5 rating, rounded to the nearest half star.

    `value` None (no reviews yet) draws five empty stars labelled "No rating yet".
    """
    if value is None:
        return {"full": range(0), "half": False, "empty": range(5), "label": "No rating yet"}
    halves = int((Decimal(value) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    halves = max(0, min(10, halves))
    full, half = divmod(halves, 2)
    shown = f"{Decimal(value):.1f}".removesuffix(".0")
    return {
        "full": range(full),
        "half": bool(half),
        "empty": range(5 - full - half),
        "label": f"Rated {shown} out of 5",
    }
