"""The platform's fee on released money: one rule, rounded once, as everything the site
computes (`money.currencies.round_to_currency`)."""

from decimal import Decimal

from money.currencies import round_to_currency


def fee_on(amount: Decimal, currency: str, *, percent: Decimal) -> Decimal:
    """`percent` of `amount`, in whole minor units of `currency`, halves rounded up."""
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValueError(f"A fee of {percent} % is not a percentage.")
    return round_to_currency(Decimal(amount) * Decimal(percent) / 100, currency)
