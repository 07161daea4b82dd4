"""schema.org JSON-LD for freelancers' profile and writing sample pages."""

from collections.abc import Iterable

from django.utils.text import Truncator

from languages.names import language_name
from marketplace.structured_data import absolute_url, summary
from profiles.models import Profile, WritingSample
from ratings.structured_data import aggregate_rating


def person(profile: Profile) -> dict:
    person = {
        "@type": "Person",
        "name": profile.display_name,
        "url": absolute_url(profile.get_absolute_url()),
    }
    if profile.headline:
        person["jobTitle"] = profile.headline
    if profile.avatar:
        person["image"] = absolute_url(profile.avatar.url)
    return person


def language(code: str) -> dict:
    """A schema.org Language: its name, and its ISO 639 code as `alternateName`."""
    return {"@type": "Language", "name": language_name(code), "alternateName": code}


def profile_data(
    profile: Profile, *, skills: Iterable, services: Iterable, languages: Iterable = ()
) -> dict:
    person_data = person(profile)
    if profile.about:
        person_data["description"] = summary(profile.about)
    if profile.location or profile.country:
        person_data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": profile.location,
            "addressCountry": profile.country,
        }
    names = [skill.name for skill in skills]
    if names:
        person_data["knowsAbout"] = names
    known = [language(spoken.language) for spoken in languages]
    if known:
        person_data["knowsLanguage"] = known
    # A Person has no aggregateRating in schema.org: the ratings (overall and per writing
    # aspect) are on each offered service, from its stored figures.
    offers = [{"@type": "Offer", "itemOffered": _offered_service(service)} for service in services]
    if offers:
        person_data["makesOffer"] = offers
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": absolute_url(profile.get_absolute_url()),
        "dateCreated": profile.member_since,
        "mainEntity": person_data,
    }


def _offered_service(service) -> dict:
    offered = {
        "@type": "Service",
        "name": service.title,
        "url": absolute_url(service.get_absolute_url()),
    }
    rated = aggregate_rating(service)
    if rated is not None:
        offered["aggregateRating"] = rated
    return offered


def sample_data(sample: WritingSample) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(sample.title).chars(110),
        "url": absolute_url(sample.get_absolute_url()),
        "author": person(sample.profile),
        "wordCount": sample.word_count,
    }
    if sample.published_on:
        data["datePublished"] = sample.published_on
    return data
