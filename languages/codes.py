"""The languages people may list: ISO 639-1 codes (two letters), the ones CLDR names.

Codes are what the database stores and the API speaks ("de", "en", "zh"); names are shown in
the page's language by languages.names, never stored.
"""

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
