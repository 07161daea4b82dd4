"""schema.org JSON-LD for service pages."""

from collections.abc import Iterable

from marketplace.structured_data import absolute_url, summary
from profiles.structured_data import language, person
from ratings.structured_data import aggregate_rating, review_data
from services.models import Service


def service_data(service: Service, *, reviews: Iterable = (), packages: Iterable = ()) -> dict:
    """A Service with one Offer: the hourly rate (unitCode HUR), the per-word rate and the
    starting price; then one Offer per package (its price, bought in one step), when it sells
    packages; a translation service's language pairs.

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
    if service.per_word_rate is not None:
        prices.append(
            {
                "@type": "UnitPriceSpecification",
                "price": service.per_word_rate,
                "priceCurrency": service.currency,
                "unitText": "word",
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
        "description": summary(service.description),
        "url": url,
        "serviceType": service.category.name,
        "category": str(service.category),
        "provider": person(service.owner),
        "offers": {
            "@type": "Offer",
            "url": url,
            "priceCurrency": service.currency,
            "priceSpecification": prices,
        },
    }
    pairs = service.pairs
    if pairs:
        # The pairs it covers: the languages its provider works in, and the directions by name.
        codes = dict.fromkeys(code for pair in pairs for code in (pair.source, pair.target))
        data["provider"]["knowsLanguage"] = [language(code) for code in codes]
        data["serviceOutput"] = [f"Translation {pair.label}" for pair in pairs]
    package_offers = [
        {
            "@type": "Offer",
            "name": f"{package.get_tier_display()}: {package.name}",
            "description": package.description,
            "url": f"{url}#packages",
            "price": package.price,
            "priceCurrency": service.currency,
        }
        for package in packages
    ]
    if package_offers:
        data["offers"] = [data["offers"], *package_offers]
    if service.owner.banner:
        data["image"] = absolute_url(service.owner.banner.url)
    rated = aggregate_rating(service)
    if rated is not None:
        data["aggregateRating"] = rated
        data["review"] = [review_data(review) for review in reviews]
    return data
