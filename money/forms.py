"""Form fields' money bounds, with messages people understand (limits from money.limits)."""

from decimal import Decimal

from django import forms
from django.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator

from money.limits import MAX_HOURLY_RATE, MIN_PRICE


def limit_amount(
    field: forms.DecimalField,
    *,
    maximum: Decimal,
    too_small: str,
    too_big: str,
    minimum: Decimal = MIN_PRICE,
) -> None:
    """Bound a money field with messages people understand.

    The model's "no more than 8 digits in total" check is replaced by the maximum, which is
    stricter and says what is meant; the two-decimal-places check stays.
    """
    field.validators = [
        validator for validator in field.validators if not isinstance(validator, DecimalValidator)
    ] + [
        DecimalValidator(max_digits=None, decimal_places=field.decimal_places),
        MinValueValidator(minimum, message=too_small),
        MaxValueValidator(maximum, message=too_big),
    ]
    field.widget.attrs.update({"min": str(minimum), "max": str(maximum), "step": "0.01"})


def limit_hourly_rate(field: forms.DecimalField) -> None:
    limit_amount(
        field,
        maximum=MAX_HOURLY_RATE,
        too_small=f"Enter a rate of at least {MIN_PRICE}.",
        too_big=f"Enter a rate of at most {MAX_HOURLY_RATE:,} an hour.",
    )
