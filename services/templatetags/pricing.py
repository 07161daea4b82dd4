"""Money as people read it: "$15", "€1,200.50", with the currency's own sign."""

from decimal import Decimal

from django import template

register = template.Library()

# "$" alone would make Canadian and Australian prices look like US dollars.
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "INR": "₹"}


def format_money(amount: Decimal | None, currency: str) -> str:
    """Whole amounts without cents ("$15"), others with two decimals ("$15.50")."""
    if amount is None:
        return ""
    text = f"{Decimal(amount):,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{text}" if sign else f"{text} {currency}"


@register.filter
def money(amount: Decimal | None, currency: str = "USD") -> str:
    return format_money(amount, currency)
