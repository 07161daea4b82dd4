"""What each app holds about a person: its part of a data export and of an erasure.

An app registers its parts in a module of its own named `personal_data.py` (found at start-up
by accounts' AppConfig, as admin.py modules are):

    from marketplace.personal_data import exporter, eraser

    @exporter("services")
    def export_services(user) -> ExportPart:
        return ExportPart(records=[...], files=[field_file, ...])

    @eraser("services", order=20)
    def erase_services(user) -> list[FieldFile]:
        ...  # delete or anonymise rows; return the files to delete once it commits

An exporter returns JSON-ready records (about this person only: never another person's email,
private messages with third parties or favourites) and the uploaded files to include. An
eraser runs inside the erasure's transaction, in `order`; it deletes what is only theirs and
anonymises what others rely on, and returns the files to delete after the commit. Payments
add `payments/personal_data.py` with receipts and payouts (ledger rows keep amounts, not names).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models.fields.files import FieldFile

# How an erased person is named wherever others still see what they wrote.
FORMER_MEMBER = "Former member"


@dataclass
class ExportPart:
    records: Any
    files: list[FieldFile] = field(default_factory=list)


Exporter = Callable[[Any], ExportPart]
Eraser = Callable[[Any], list[FieldFile]]
# Why an account cannot be erased yet (money held for or owed to them), or None.
Blocker = Callable[[Any], str | None]

EXPORTERS: dict[str, Exporter] = {}
ERASERS: list[tuple[int, str, Eraser]] = []
BLOCKERS: dict[str, Blocker] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(function: Exporter) -> Exporter:
        EXPORTERS[name] = function
        return function

    return register


def eraser(name: str, *, order: int = 50) -> Callable[[Eraser], Eraser]:
    def register(function: Eraser) -> Eraser:
        ERASERS[:] = sorted(
            [entry for entry in ERASERS if entry[1] != name] + [(order, name, function)],
            key=lambda entry: entry[:2],
        )
        return function

    return register


def erasure_blocker(name: str) -> Callable[[Blocker], Blocker]:
    def register(function: Blocker) -> Blocker:
        BLOCKERS[name] = function
        return function

    return register


def stamp(value) -> str | None:
    """Dates and times as ISO 8601 in the export."""
    return value.isoformat() if value is not None else None
