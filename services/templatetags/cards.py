from django import template

from marketplace.cards import Card
from services.cards import SERVICE_CARD

register = template.Library()


@register.simple_tag
def service_cards(services, prefix: str = "") -> list[Card]:
    return SERVICE_CARD.render(services, prefix or "")
