"""schema.org JSON-LD for service pages."""

from collections.abc import Iterable

from marketplace.structured_data import absolute_url, summary
from profiles.structured_data import person
from ratings.structured_data import aggregate_rating, review_data
from services.models import Service


def service_data(service: Service, *, reviews: Iterable = ()) -> dict:
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
    if service.owner.banner:
        data["image"] = absolute_url(service.owner.banner.url)
    rated = aggregate_rating(service)
    if rated is not None:
        data["aggregateRating"] = rated
        data["review"] = [review_data(review) for review in reviews]
    return data
