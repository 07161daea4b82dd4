"""The currencies the site deals in, and how many minor units each has (ISO 4217).

Card processors take amounts as integers of the currency's minor unit: cents for USD, none
for JPY. `to_minor_units` and `from_minor_units` are the only conversions; Babel's CLDR data
says how many digits each currency has, rather than a hand-kept table.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision
from django.db import models


class Currency(models.TextChoices):
    USD = "USD", "US dollar"
    EUR = "EUR", "Euro"
    GBP = "GBP", "Pound sterling"
    CAD = "CAD", "Canadian dollar"
    AUD = "AUD", "Australian dollar"
    INR = "INR", "Indian rupee"


def minor_digits(currency: str) -> int:
    """Digits after the decimal point in the currency's minor unit: 2 for USD, 0 for JPY."""
    return get_currency_precision(currency)


def quantum(currency: str) -> Decimal:
    """The smallest amount of the currency: Decimal("0.01") for USD, Decimal("1") for JPY."""
    return Decimal(1).scaleb(-minor_digits(currency))


def round_to_currency(amount: Decimal, currency: str) -> Decimal:
    """The amount in whole minor units, halves rounded away from zero (the one rounding rule
    for every amount the site computes: fees, hours × rate, splits)."""
    return Decimal(amount).quantize(quantum(currency), rounding=ROUND_HALF_UP)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """The integer a card processor expects: $12.34 → 1234, ¥500 → 500.

    Refuses an amount with more precision than the currency has, rather than rounding money
    that someone agreed to.
    """
    exact = Decimal(amount)
    if round_to_currency(exact, currency) != exact:
        raise ValueError(f"{amount} {currency} has more decimals than {currency} has.")
    return int(exact.scaleb(minor_digits(currency)))


def from_minor_units(units: int, currency: str) -> Decimal:
    """The amount of `units` minor units: 1234 USD cents → Decimal("12.34")."""
    return Decimal(units).scaleb(-minor_digits(currency)).quantize(quantum(currency))
