"""schema.org JSON-LD for service, profile and writing sample pages.

Search engines read these blocks; people never see them. Every string comes from user text, so
the block is serialised with the same escaping as Django's `json_script`: `<`, `>` and `&`
become \\u escapes and a `</script>` inside a title cannot end the block.
"""

import json
from collections.abc import Iterable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from profiles.models import Profile, WritingSample
from reviews.aspects import aspect_summaries
from reviews.models import Review
from services.models import Service

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
DESCRIPTION_LENGTH = 300


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def absolute_url(path_or_url: str) -> str:
    """Canonical, absolute URL on SITE_URL (storage URLs that are already absolute stay)."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL + path_or_url


def _summary(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def _person(profile: Profile) -> dict:
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


def _rating(value) -> dict:
    return {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1}


def _with_aspects(overall: dict, aspects: list[dict]) -> dict | list[dict]:
    """The overall rating alone, or followed by one rating per writing aspect.

    schema.org has no separate property for sub-ratings: a Rating or AggregateRating with
    `reviewAspect` is an additional value of the same property, after the overall one (which
    has no aspect, so readers that take one value take the overall).
    """
    return [overall, *aspects] if aspects else overall


def _aggregate_rating(rated: Service) -> dict | list[dict] | None:
    """The stored overall average and each rated aspect's, as AggregateRatings (None when
    there are no reviews: search engines penalise empty ratings)."""
    if not rated.review_count or rated.rating_average is None:
        return None
    overall = {
        "@type": "AggregateRating",
        "ratingValue": rated.rating_average,
        "reviewCount": rated.review_count,
        "bestRating": 5,
        "worstRating": 1,
    }
    aspects = [
        {
            "@type": "AggregateRating",
            "reviewAspect": summary.aspect.label,
            "ratingValue": summary.average,
            "ratingCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        }
        for summary in aspect_summaries(rated)
        if summary.count
    ]
    return _with_aspects(overall, aspects)


def _review(review: Review) -> dict:
    aspects = [
        {**_rating(stars), "reviewAspect": aspect.label} for aspect, stars in review.sub_ratings
    ]
    return {
        "@type": "Review",
        "reviewRating": _with_aspects(_rating(review.rating), aspects),
        "author": {"@type": "Person", "name": review.author.first_name_shown},
        "datePublished": review.created_at.date(),
        "reviewBody": review.text,
    }


def service_data(service: Service, *, reviews: Iterable[Review] = ()) -> dict:
    """A Service with one Offer: the hourly rate (unitCode HUR) and the starting price.

    AggregateRating and Review appear only when the service has reviews: search engines
    penalise empty ratings.
    """
    prices = []
    if service.hourly_rate is not None:
        prices.append(
            {
                "@type": "UnitPriceSpecification",
                "price": service.hourly_rate,
                "priceCurrency": service.currency,
                "unitCode": "HUR",
                "unitText": "hour",
            }
        )
    if service.starting_price is not None:
        prices.append(
            {
                "@type": "PriceSpecification",
                "minPrice": service.starting_price,
                "priceCurrency": service.currency,
            }
        )
    url = absolute_url(service.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.title,
        "description": _summary(service.description),
        "url": url,
        "serviceType": service.category.name,
        "category": str(service.category),
        "provider": _person(service.owner),
        "offers": {
            "@type": "Offer",
            "url": url,
            "priceCurrency": service.currency,
            "priceSpecification": prices,
        },
    }
    if service.owner.banner:
        data["image"] = absolute_url(service.owner.banner.url)
    aggregate_rating = _aggregate_rating(service)
    if aggregate_rating is not None:
        data["aggregateRating"] = aggregate_rating
        data["review"] = [_review(review) for review in reviews]
    return data


def profile_data(profile: Profile, *, skills: Iterable, services: Iterable[Service]) -> dict:
    person = _person(profile)
    if profile.about:
        person["description"] = _summary(profile.about)
    if profile.location or profile.country:
        person["address"] = {
            "@type": "PostalAddress",
            "addressLocality": profile.location,
            "addressCountry": profile.country,
        }
    names = [skill.name for skill in skills]
    if names:
        person["knowsAbout"] = names
    # A Person has no aggregateRating in schema.org: the ratings (overall and per writing
    # aspect) are on each offered service, from its stored figures.
    offers = [{"@type": "Offer", "itemOffered": _offered_service(service)} for service in services]
    if offers:
        person["makesOffer"] = offers
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": absolute_url(profile.get_absolute_url()),
        "dateCreated": profile.member_since,
        "mainEntity": person,
    }


def _offered_service(service: Service) -> dict:
    offered = {
        "@type": "Service",
        "name": service.title,
        "url": absolute_url(service.get_absolute_url()),
    }
    aggregate_rating = _aggregate_rating(service)
    if aggregate_rating is not None:
        offered["aggregateRating"] = aggregate_rating
    return offered


def sample_data(sample: WritingSample) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(sample.title).chars(110),
        "url": absolute_url(sample.get_absolute_url()),
        "author": _person(sample.profile),
        "wordCount": sample.word_count,
    }
    if sample.published_on:
        data["datePublished"] = sample.published_on
    return data
