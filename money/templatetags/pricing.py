"""The ``money`` filter: templates format amounts through money.formatting, like everything
else."""

from decimal import Decimal

from django import template

from money.formatting import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str = "USD") -> str:
    return format_money(amount, currency)
