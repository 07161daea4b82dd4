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
from functools import partial
from pathlib import Path
from types import ModuleType

from django.core.cache import cache
from django.db.models.fields.files import FieldFile
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe

SLOT = "<!--save-button-->"
LIFETIME_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Card:
    target: object  # what the save button saves: the object, or a stand-in with its key and title
    id: str  # the save button's id, which it comes back to
    before: SafeString
    after: SafeString


@dataclass(frozen=True)
class CardDrawing:
    """How one kind of card is drawn: its template (given `name`, `card_id_prefix` and
    `save_button`, the slot), the templates and modules that draw it, and what it shows.

    A list passes objects, or rows: tuples of what `shown` answers for their objects, the
    primary key first (a service's are `values_list` rows of its columns; a job's add its
    skills' names, jobs.cards.card_rows). Twenty services built with their owners and categories
    cost more than drawing their twenty cached cards (bench/README.md), and a row is all a
    cached card needs; objects are loaded (`load`) only for the rows whose cards are not cached,
    and `stand_in` makes from a row what the save button reads.
    """

    kind: str
    name: str  # the object's name in the template's context
    template: str
    drawn_with: tuple[str, ...]
    drawn_by: tuple[ModuleType, ...]
    shown: Callable[[object], tuple]
    load: Callable[[list], dict] | None = None  # {primary key: object} of these keys
    stand_in: Callable[[tuple], object] | None = None

    def render(self, targets: Iterable, prefix: str = "") -> list[Card]:
        """The cards of `targets`, from the cache when it has them, in one round trip."""
        targets = list(targets)
        keys = self.keys(targets, prefix)
        found = cache.get_many(keys)
        absent = [index for index, key in enumerate(keys) if key not in found]
        if absent:
            kept = {}
            for index, target in zip(
                absent, self._objects([targets[i] for i in absent]), strict=True
            ):
                if target is None:  # a row whose object is gone since the list read it
                    continue
                context = {self.name: target, "card_id_prefix": prefix, "save_button": SLOT}
                found[keys[index]] = markup = render_to_string(self.template, context)
                # Kept under the key of what the object shows as loaded: a row changed since
                # the list read it is not kept as what the list read.
                kept[self.keys([target], prefix)[0]] = markup
            cache.set_many(kept, LIFETIME_SECONDS)
        cards = []
        for target, key in zip(targets, keys, strict=True):
            if key not in found:
                continue
            # Halves of the card template's own output, escaped when it was rendered.
            before, after = found[key].split(SLOT)
            is_row = isinstance(target, tuple)
            cards.append(
                Card(
                    target=SimpleLazyObject(partial(self.stand_in, target)) if is_row else target,
                    id=f"{prefix}{self.kind}-{target[0] if is_row else target.pk}",
                    before=mark_safe(before),
                    after=mark_safe(after),
                )
            )
        return cards

    def keys(self, targets: list, prefix: str = "") -> list[str]:
        """The cache keys of the cards of `targets` (objects or rows)."""
        # The same for every card of a list: read once (the language is a context-local
        # lookup, a twentieth of a list page's time when it was read per card).
        drawn = (self.kind, prefix, translation.get_language(), self._release())
        return [
            _digest((*(target if isinstance(target, tuple) else self.shown(target)), *drawn))
            for target in targets
        ]

    def _objects(self, targets: list) -> list:
        """The objects of `targets`: rows' loaded (None where gone), objects as they are."""
        rows = [target[0] for target in targets if isinstance(target, tuple)]
        loaded = self.load(rows) if rows else {}
        return [loaded.get(t[0]) if isinstance(t, tuple) else t for t in targets]

    def _release(self) -> str:
        return _release(self.drawn_with, self.drawn_by)


def columns_of(target, columns: Iterable[str]) -> tuple:
    """The values `values_list(*columns)` reads for `target`'s row, read from the object and
    its related objects (a file as its name, as the column holds it): a card drawn from an
    object has the key of the card drawn from its row."""
    values = []
    for column in columns:
        value = target
        for name in column.split("__"):
            value = getattr(value, name)
        values.append(value.name if isinstance(value, FieldFile) else value)
    return tuple(values)


def _digest(shown: tuple) -> str:
    return "card:" + hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


@once
def _release(templates: tuple[str, ...], modules: tuple[ModuleType, ...]) -> str:
    """A digest of the templates and modules that draw a card, read once per process."""
    digest = hashlib.blake2b(digest_size=8)
    for name in templates:
        digest.update(get_template(name).template.source.encode())
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()
