"""Money as people read it, from one place: "$15", "£1,200.50", "CA$40".

Every surface (pages, dashboard, engagement pages, emails and the API's ``*_display`` fields)
formats through :func:`format_money`, so an amount never reads differently from page to page.
Babel supplies the currency signs and grouping from CLDR rather than a hand-kept table.
"""

from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_currency
from django.utils import translation

# CLDR's English signs tell dollars apart ("$", "CA$", "A$"); a site language without
# Babel data falls back to it.
FALLBACK_LOCALE = "en_US"
WHOLE = "¤#,##0"
WITH_CENTS = "¤#,##0.00"
# A per-word rate may have a third decimal ("$0.085/word").
PER_WORD = "¤#,##0.00#"


def _locale() -> str:
    return translation.to_locale(translation.get_language() or "") or FALLBACK_LOCALE


def format_money(
    amount: Decimal | int | str | None,
    currency: str,
    *,
    per_hour: bool = False,
    per_word: bool = False,
) -> str:
    """The amount with its currency's sign; whole amounts without cents ("$15", "$15.50").

    ``per_hour`` appends "/hr"; ``per_word`` writes cents always, and a third decimal when
    there is one, and appends "/word" ("$0.08/word"). ``None`` gives an empty string, so
    optional prices vanish.
    """
    if amount is None or amount == "":
        return ""
    value = Decimal(amount)
    whole = value == value.to_integral_value()
    pattern = PER_WORD if per_word else (WHOLE if whole else WITH_CENTS)
    text = _formatted(value, currency, _locale(), pattern)
    if per_word:
        return f"{text}/word"
    return f"{text}/hr" if per_hour else text


@lru_cache(maxsize=4096)
def _formatted(value: Decimal, currency: str, locale: str, pattern: str) -> str:
    """Babel's formatting of `value`, kept per process: it parses the pattern on every call
    (45 µs), and pages show the same few prices again and again. Equal amounts (25 and 25.00)
    read the same under one pattern, so sharing an entry is right."""
    options = {"format": pattern, "currency_digits": False}
    try:
        return format_currency(value, currency, locale=locale, **options)
    except ValueError:  # an unknown locale name: keep the page up
        return format_currency(value, currency, locale=FALLBACK_LOCALE, **options)
