from decimal import Decimal

import pytest
from django.template import Context, Template

from money.formatting import format_money


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (Decimal("15.00"), "USD", "$15"),
        (Decimal("15.5"), "USD", "$15.50"),
        (Decimal("1200"), "USD", "$1,200"),
        (Decimal("25"), "EUR", "€25"),
        (Decimal("25"), "GBP", "£25"),
        (Decimal("40"), "CAD", "CA$40"),
        (Decimal("40"), "AUD", "A$40"),
        (Decimal("999.99"), "INR", "₹999.99"),
        (Decimal("7"), "CHF", "CHF7"),
        (None, "USD", ""),
    ],
)
def test_money_is_written_with_the_currency_sign_and_no_empty_cents(amount, currency, shown):
    assert format_money(amount, currency) == shown


def render_stars(value) -> str:
    return Template("{% load ratings %}{% stars value %}").render(Context({"value": value}))


def test_stars_round_to_the_nearest_half_and_say_the_rating_in_words():
    html = render_stars(Decimal("4.30"))
    assert 'role="img" aria-label="Rated 4.3 out of 5"' in html
    assert html.count("star--full") == 4 and html.count("star--half") == 1
    assert html.count("star--empty") == 0


def test_a_whole_rating_draws_whole_stars():
    html = render_stars(3)
    assert 'aria-label="Rated 3 out of 5"' in html
    assert html.count("star--full") == 3 and html.count("star--empty") == 2


def test_no_rating_draws_five_empty_stars():
    html = render_stars(None)
    assert 'aria-label="No rating yet"' in html
    assert html.count("star--empty") == 5
