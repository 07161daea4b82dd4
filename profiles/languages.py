"""The languages a freelancer speaks and the pairs they translate: adding and removing them.

Every change makes the catalogue's cached pages and counts stale: search filters on native
languages, and profile and service pages show both lists.

A freelancer's services keep a copy of their native languages (`owner_native_languages`):
the search's native-language filter reads it from the service's own row and indexes instead of
joining each service it walks to its owner's languages (at 1,000,000 services, "native German,
priced per word" walked thousands of rows that way). Every change of a native language here
rewrites that copy, in the same transaction, under the profile's row lock, which
services.editing.create_service takes too.
"""

from django.db import transaction

from languages.codes import spaced_codes
from languages.levels import Level
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
    _copy_native_languages_to_services(profile)
    catalogue_changed()
    return spoken


@transaction.atomic
def remove_language(*, profile: Profile, language: str) -> None:
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    profile.languages.filter(language=language).delete()
    _copy_native_languages_to_services(profile)
    catalogue_changed()


def native_languages_text(profile: Profile) -> str:
    """The profile's native languages as its services keep them (languages.codes)."""
    return spaced_codes(
        profile.languages.filter(level=Level.NATIVE).values_list("language", flat=True)
    )


def _copy_native_languages_to_services(profile: Profile) -> None:
    profile.services.update(owner_native_languages=native_languages_text(profile))


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
