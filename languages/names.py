"""Language names from CLDR (Babel), in the page's language: "German" on an English page,
"Deutsch" on a German one. The codes stay ISO 639 (languages.codes)."""

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils import translation

from languages.codes import language_codes

FALLBACK_LOCALE = "en"


def _locale_name() -> str:
    return translation.to_locale(translation.get_language() or FALLBACK_LOCALE)


@cache
def _names(locale_name: str) -> dict[str, str]:
    try:
        names = Locale.parse(locale_name).languages
    except (UnknownLocaleError, ValueError):
        names = Locale(FALLBACK_LOCALE).languages
    english = Locale(FALLBACK_LOCALE).languages
    return {code: names.get(code) or english[code] for code in language_codes()}


def language_name(code: str) -> str:
    """The language's name in the page's language; the code itself if CLDR has none."""
    return _names(_locale_name()).get(code, code)


def language_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) of every language, by name in the page's language."""
    return _choices(_locale_name())


@cache
def _choices(locale_name: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_names(locale_name).items(), key=lambda item: item[1].casefold()))


def code_for(text: str) -> str | None:
    """The code a person meant by `text`: a code ("de"), or a name in the page's language or
    in English ("German", "deutsch"), whatever the case; None if neither."""
    clean = text.strip()
    if clean.lower() in language_codes():
        return clean.lower()
    wanted = clean.casefold()
    for names in (_names(_locale_name()), _names(FALLBACK_LOCALE)):
        for code, name in names.items():
            if name.casefold() == wanted:
                return code
    return None


def pair_label(source: str, target: str) -> str:
    """A language pair as cards and facets show it: "DE → EN"."""
    return f"{source.upper()} → {target.upper()}"


@dataclass(frozen=True)
class Pair:
    """A language pair as code reads it: source and target codes."""

    source: str
    target: str

    @property
    def label(self) -> str:
        return pair_label(self.source, self.target)

    @property
    def key(self) -> str:
        """As forms, the API and stored lists write it: "de:en"."""
        return f"{self.source}:{self.target}"


def pairs_from_keys(text: str) -> list[Pair]:
    """The pairs of a space-separated list of keys ("de:en fr:en")."""
    return [Pair(*key.split(":", 1)) for key in text.split() if ":" in key]


class LanguageChoices:
    """`language_choices()` read each time it is iterated, for a choice field declared at
    import time: names follow the page's language, and no setting is read on import."""

    def __iter__(self):
        return iter(language_choices())

    def __len__(self) -> int:
        return len(language_codes())
