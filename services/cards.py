"""How a service card is drawn and what it shows (marketplace.cards caches it by that)."""

from languages.templatetags import languages
from marketplace.cards import CardDrawing, columns_of
from marketplace.kept_queries import KeptQuery
from money import formatting
from money.templatetags import pricing
from ratings.templatetags import ratings
from services import covers
from services.models import CARD_COLUMNS, Service


def _shown(service: Service) -> tuple:
    return columns_of(service, CARD_COLUMNS)


def _stand_in(row) -> Service:
    """What a card's save button reads of its service: the key and the title."""
    return Service(pk=row.pk, title=row.title)


SERVICE_CARD = CardDrawing(
    kind="service",
    name="service",
    template="services/includes/service_card.html",
    drawn_with=("services/includes/service_card.html", "profiles/includes/avatar.html"),
    drawn_by=(covers, ratings, formatting, pricing, languages),
    shown=_shown,
    load=lambda keys: Service.objects.for_cards().in_bulk(keys),
    stand_in=_stand_in,
)

# The rows of the cards of these services (a page of search results, of a category).
CARD_ROWS_OF = KeptQuery(Service, lambda ids: Service.objects.filter(pk__in=ids).card_rows())
