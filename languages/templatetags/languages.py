"""Language names and pairs in templates: `{{ code|language_name }}`, `{% pair_label s t %}`."""

from django import template

from languages import names

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return names.language_name(code)


@register.simple_tag
def pair_label(source: str, target: str) -> str:
    return names.pair_label(source, target)
