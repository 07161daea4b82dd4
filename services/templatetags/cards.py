from django import template

from services.cards import Card, render_cards

register = template.Library()


@register.simple_tag
def service_cards(services, prefix: str = "") -> list[Card]:
    return render_cards(services, prefix or "")
