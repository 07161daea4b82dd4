"""Service cards, each rendered once for what it shows and then taken from the cache.

Rendering twenty cards was 87 % of a list page's time (bench/RESULTS.md, issue 28: the cover,
the stars, the prices in the page's language, the avatar). A card's cache key is a digest of
every value it shows, of the language and of the code that draws it, so a cached card is never
stale: a new title, price, review, avatar, banner or category name makes a new key, and the old
entry ages out unread. There is nothing to invalidate.

The save button differs per visitor (saved or not, signed in or not), so it is not in the
cached markup: a card comes in two halves, and the list template puts the button between them.
"""

import hashlib
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from money import formatting
from ratings.templatetags import ratings
from services import covers

TEMPLATE = "services/includes/service_card.html"
# What the card's own template draws; a change to any of them is a new release of the card.
DRAWN_WITH = [TEMPLATE, "profiles/includes/avatar.html"]
DRAWN_BY = [covers, ratings, formatting]
SLOT = "<!--save-button-->"
LIFETIME_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Card:
    service: object
    id: str  # the save button's id, which it comes back to
    before: SafeString
    after: SafeString


def render_cards(services, prefix: str = "") -> list[Card]:
    """The cards of `services` (loaded with Service.objects.for_cards()), from the cache when
    it has them, in one round trip."""
    services = list(services)
    keys = [_key(service, prefix) for service in services]
    found = cache.get_many(keys)
    missing = {}
    cards = []
    for service, key in zip(services, keys, strict=True):
        markup = found.get(key)
        if markup is None:
            markup = missing[key] = render_to_string(
                TEMPLATE, {"service": service, "card_id_prefix": prefix, "save_button": SLOT}
            )
        # Halves of the card template's own output, escaped when it was rendered.
        before, after = markup.split(SLOT)
        cards.append(
            Card(
                service=service,
                id=f"{prefix}service-{service.pk}",
                before=mark_safe(before),
                after=mark_safe(after),
            )
        )
    if missing:
        cache.set_many(missing, LIFETIME_SECONDS)
    return cards


def _key(service, prefix: str) -> str:
    owner, category = service.owner, service.category
    parent = category.parent
    shown = (
        prefix,
        service.pk,
        service.slug,
        service.title,
        service.review_count,
        service.rating_average,
        service.hourly_rate,
        service.starting_price,
        service.currency,
        category.pk,
        category.name,
        parent.pk if parent else None,
        owner.display_name,
        owner.avatar.name,
        owner.avatar_thumbnail.name,
        owner.banner.name,
        translation.get_language(),
        _release(),
    )
    return "card:" + hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


@once
def _release() -> str:
    """A digest of the templates and modules that draw a card, read once per process."""
    digest = hashlib.blake2b(digest_size=8)
    for name in DRAWN_WITH:
        digest.update(get_template(name).template.source.encode())
    for module in DRAWN_BY:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()
