"""How a service card is drawn and what it shows (marketplace.cards caches it by that)."""

from languages.templatetags import languages
from marketplace.cards import CardDrawing
from money import formatting
from money.templatetags import pricing
from ratings.templatetags import ratings
from services import covers


def _shown(service) -> tuple:
    owner, category = service.owner, service.category
    return (
        service.pk,
        service.slug,
        service.title,
        service.review_count,
        service.rating_average,
        service.hourly_rate,
        service.starting_price,
        service.package_price_from,  # "Starting at" the cheapest package
        service.per_word_rate,
        service.language_pair_keys,
        service.currency,
        category.pk,
        category.name,
        category.parent_id,
        owner.display_name,
        owner.avatar.name,
        owner.avatar_thumbnail.name,
        owner.banner.name,
    )


SERVICE_CARD = CardDrawing(
    kind="service",
    name="service",
    template="services/includes/service_card.html",
    drawn_with=("services/includes/service_card.html", "profiles/includes/avatar.html"),
    drawn_by=(covers, ratings, formatting, pricing, languages),
    shown=_shown,
)
