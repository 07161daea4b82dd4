"""API fields for amounts of money: bounded decimal strings in, formatted text out."""

import re
from decimal import Decimal

from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from money.formatting import format_money


def amount_pattern(*, minimum: Decimal, maximum: Decimal, decimal_places: int = 2) -> str:
    """A regular expression for the amounts from `minimum` to `maximum`, written plainly.

    The schema publishes it and the field applies it, so what the schema calls valid is what
    the server accepts: "25", "25.5" and "25.50", not " 25", "2.5e1", "-0" or "025". Bounds are
    what the forms use: a minimum of 0 or 1 and a maximum that is a power of ten.
    """
    digits = len(str(int(maximum))) - 1
    if maximum != 10**digits or minimum not in (0, 1) or digits < 1:
        raise ValueError(f"No pattern for amounts from {minimum} to {maximum}.")
    fraction = rf"(?:\.\d{{1,{decimal_places}}})?"
    below = rf"[1-9]\d{{0,{digits - 1}}}"
    if minimum == 0:
        below = rf"(?:0|{below})"
    top = rf"1{'0' * digits}(?:\.0{{1,{decimal_places}}})?"
    return rf"^(?:{below}{fraction}|{top})$"


@extend_schema_field({"type": "string", "format": "decimal"})
class AmountField(serializers.CharField):
    """An amount of money as a JSON string, within the bounds its form applies."""

    def __init__(self, *, minimum: Decimal, maximum: Decimal, decimal_places: int = 2, **kwargs):
        self.pattern = amount_pattern(
            minimum=minimum, maximum=maximum, decimal_places=decimal_places
        )
        places = "two" if decimal_places == 2 else str(decimal_places)
        self.message = (
            f"Enter an amount from {minimum} to {maximum:,}, with at most {places} decimals."
        )
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)
        self.validators.append(RegexValidator(self.pattern, self.message))

    def to_internal_value(self, data) -> Decimal:
        if not isinstance(data, str) or not re.fullmatch(self.pattern, data):
            raise serializers.ValidationError(self.message, code="invalid")
        return Decimal(data)

    def to_representation(self, value) -> str:
        return str(value)


@extend_schema_field(serializers.CharField(allow_null=True))
class MoneyDisplayField(serializers.Field):
    """An amount as the pages write it ("£35/hr", "$1,200"), from money.formatting; null if none.

    Clients show this text rather than formatting ``amount`` and ``currency`` themselves, so the
    API and the site never disagree on how a price reads.
    """

    def __init__(
        self, amount_field: str, *, per_hour: bool = False, per_word: bool = False, **kwargs
    ):
        self.amount_field = amount_field
        self.per_hour = per_hour
        self.per_word = per_word
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault(
            "help_text", f"`{amount_field}` formatted with its currency, as the site shows it."
        )
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str | None:
        amount = getattr(obj, self.amount_field)
        if amount is None:
            return None
        return format_money(amount, obj.currency, per_hour=self.per_hour, per_word=self.per_word)
