from django import template

from jobs.cards import JOB_CARD
from marketplace.cards import Card

register = template.Library()


@register.simple_tag
def job_cards(jobs) -> list[Card]:
    return JOB_CARD.render(jobs)
