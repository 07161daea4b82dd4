"""The languages people may list: ISO 639-1 codes (two letters), the ones CLDR names.

Codes are what the database stores and the API speaks ("de", "en", "zh"); names are shown in
the page's language by languages.names, never stored.
"""

from collections.abc import Iterable
from functools import cache

from babel import Locale

# The longest code a column must hold (ISO 639-3 codes have three letters, should one be
# added).
CODE_MAX_LENGTH = 3


@cache
def language_codes() -> frozenset[str]:
    """Every two-letter ISO 639-1 code that CLDR (through Babel) has a name for."""
    return frozenset(code for code in Locale("en").languages if len(code) == 2 and code.isalpha())


def is_language_code(code: str) -> bool:
    return code in language_codes()


def spaced_codes(codes: Iterable[str]) -> str:
    """Codes as a text column keeps them for a search: " de en ", sorted, each between
    spaces, so that `LIKE '% de %'` (spaced_code) finds a whole code and never part of one.
    Empty when there are none."""
    codes = sorted(set(codes))
    return f" {' '.join(codes)} " if codes else ""


def spaced_code(code: str) -> str:
    """What `contains` looks for in a spaced_codes text to find `code`."""
    return f" {code} "
