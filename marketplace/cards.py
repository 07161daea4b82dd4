"""Cards (a service's, a job's) drawn once for what they show, then taken from the cache.

Drawing twenty cards was most of a list page's time (bench/RESULTS.md, issue 28). A card's
cache key is a digest of every value it shows, of the language and of the code that draws
it, so a cached card is never stale: a new title, price, review, avatar or category name
makes a new key, and the old entry ages out unread. There is nothing to invalidate.

The save button differs per visitor (saved or not, signed in or not), so it is not in the
cached markup: a card comes in two halves, and the list template puts the button between them.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path
from types import ModuleType

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

SLOT = "<!--save-button-->"
LIFETIME_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Card:
    target: object
    id: str  # the save button's id, which it comes back to
    before: SafeString
    after: SafeString


@dataclass(frozen=True)
class CardDrawing:
    """How one kind of card is drawn: its template (given `name`, `card_id_prefix` and
    `save_button`, the slot), the templates and modules that draw it, and what it shows."""

    kind: str
    name: str  # the object's name in the template's context
    template: str
    drawn_with: tuple[str, ...]
    drawn_by: tuple[ModuleType, ...]
    shown: Callable[[object], tuple]

    def render(self, targets: Iterable, prefix: str = "") -> list[Card]:
        """The cards of `targets`, from the cache when it has them, in one round trip."""
        targets = list(targets)
        keys = [self._key(target, prefix) for target in targets]
        found = cache.get_many(keys)
        missing = {}
        cards = []
        for target, key in zip(targets, keys, strict=True):
            markup = found.get(key)
            if markup is None:
                context = {self.name: target, "card_id_prefix": prefix, "save_button": SLOT}
                markup = missing[key] = render_to_string(self.template, context)
            # Halves of the card template's own output, escaped when it was rendered.
            before, after = markup.split(SLOT)
            cards.append(
                Card(
                    target=target,
                    id=f"{prefix}{self.kind}-{target.pk}",
                    before=mark_safe(before),
                    after=mark_safe(after),
                )
            )
        if missing:
            cache.set_many(missing, LIFETIME_SECONDS)
        return cards

    def _key(self, target, prefix: str) -> str:
        shown = (
            self.kind,
            prefix,
            *self.shown(target),
            translation.get_language(),
            self._release(),
        )
        return "card:" + hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()

    def _release(self) -> str:
        return _release(self.drawn_with, self.drawn_by)


@once
def _release(templates: tuple[str, ...], modules: tuple[ModuleType, ...]) -> str:
    """A digest of the templates and modules that draw a card, read once per process."""
    digest = hashlib.blake2b(digest_size=8)
    for name in templates:
        digest.update(get_template(name).template.source.encode())
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()
