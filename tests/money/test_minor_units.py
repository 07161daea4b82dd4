"""Amounts at the card processor are integers of the currency's minor unit, from Babel's ISO
4217 data; every computed amount is rounded by one rule; the fee is a percentage of it."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from money.currencies import from_minor_units, round_to_currency, to_minor_units
from money.fees import fee_on


@pytest.mark.parametrize(
    ("amount", "currency", "units"),
    [("12.34", "USD", 1234), ("500", "JPY", 500), ("0.01", "GBP", 1), ("1.234", "BHD", 1234)],
)
def test_amounts_become_whole_minor_units_and_back(amount, currency, units):
    assert to_minor_units(Decimal(amount), currency) == units
    assert from_minor_units(units, currency) == Decimal(amount)


def test_an_amount_finer_than_its_currency_is_refused_not_rounded():
    with pytest.raises(ValueError, match="more decimals"):
        to_minor_units(Decimal("12.345"), "USD")
    with pytest.raises(ValueError):
        to_minor_units(Decimal("5.5"), "JPY")


def test_halves_round_away_from_zero_in_the_currency_s_unit():
    assert round_to_currency(Decimal("0.125"), "USD") == Decimal("0.13")
    assert round_to_currency(Decimal("2.5"), "JPY") == Decimal("3")


def test_the_fee_is_the_percentage_rounded_once():
    assert fee_on(Decimal("99.99"), "USD", percent=Decimal("10")) == Decimal("10.00")
    assert fee_on(Decimal("0.05"), "USD", percent=Decimal("10")) == Decimal("0.01")
    with pytest.raises(ValueError):
        fee_on(Decimal("10"), "USD", percent=Decimal("101"))


@given(
    cents=st.integers(min_value=1, max_value=10**10),
    percent=st.decimals(min_value=0, max_value=100, places=2),
)
def test_a_fee_never_exceeds_the_amount_and_is_whole_cents(cents, percent):
    amount = from_minor_units(cents, "USD")
    fee = fee_on(amount, "USD", percent=percent)
    assert Decimal(0) <= fee <= amount
    assert to_minor_units(fee, "USD") == int(fee * 100)
