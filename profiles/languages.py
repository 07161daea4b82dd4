"""The languages a freelancer speaks and the pairs they translate: adding and removing them.

Every change makes the catalogue's cached pages and counts stale: search filters on native
languages, and profile and service pages show both lists.
"""

from django.db import transaction

from marketplace.pagecache import catalogue_changed
from profiles.models import LanguagePair, Profile, ProfileLanguage

# Enough for any polyglot; bounds what a page lists and what a search joins.
MAX_LANGUAGES = 20
MAX_LANGUAGE_PAIRS = 30


class TooManyLanguages(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def add_language(*, profile: Profile, language: str, level: str) -> ProfileLanguage:
    """List a language with its level; a language already listed takes the new level."""
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    known = profile.languages.filter(language=language).first()
    if known is None and profile.languages.count() >= MAX_LANGUAGES:
        raise TooManyLanguages(f"List at most {MAX_LANGUAGES} languages.")
    spoken, _ = ProfileLanguage.objects.update_or_create(
        profile=profile, language=language, defaults={"level": level}
    )
    catalogue_changed()
    return spoken


@transaction.atomic
def remove_language(*, profile: Profile, language: str) -> None:
    profile.languages.filter(language=language).delete()
    catalogue_changed()


@transaction.atomic
def add_language_pair(
    *, profile: Profile, source: str, target: str, subjects: list[str]
) -> LanguagePair:
    """Add a direction the freelancer translates in; an existing pair takes the new subjects.

    Services keep the pairs they were given (services.editing): removing a pair here leaves
    them as they are until the freelancer edits them.
    """
    # The profile's row lock: two adds at once cannot both pass the limit.
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    known = profile.language_pairs.filter(source=source, target=target).first()
    if known is None and profile.language_pairs.count() >= MAX_LANGUAGE_PAIRS:
        raise TooManyLanguages(f"List at most {MAX_LANGUAGE_PAIRS} language pairs.")
    pair, _ = LanguagePair.objects.update_or_create(
        profile=profile, source=source, target=target, defaults={"subjects": list(subjects)}
    )
    catalogue_changed()
    return pair


@transaction.atomic
def remove_language_pair(*, pair: LanguagePair) -> None:
    pair.delete()
    catalogue_changed()
