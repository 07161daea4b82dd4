"""The ``money`` filter: templates format amounts through money.formatting, like everything
else."""

from decimal import Decimal

from django import template

from money.formatting import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str = "USD") -> str:
    return format_money(amount, currency)


@register.filter
def money_per_word(amount: Decimal | None, currency: str = "USD") -> str:
    """A per-word rate: "$0.08/word"."""
    return format_money(amount, currency, per_word=True)
