"""What each app holds about a person: its part of a data export and of an erasure.

An app registers its parts in a module of its own named `personal_data.py` (found at start-up,
as admin.py modules are):

    from accounts.personal_data import exporter, eraser

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

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.fields.files import FieldFile

from audit.models import Event


@dataclass
class ExportPart:
    records: Any
    files: list[FieldFile] = field(default_factory=list)


Exporter = Callable[[Any], ExportPart]
Eraser = Callable[[Any], list[FieldFile]]

EXPORTERS: dict[str, Exporter] = {}
ERASERS: list[tuple[int, str, Eraser]] = []


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


def stamp(value) -> str | None:
    """Dates and times as ISO 8601 in the export."""
    return value.isoformat() if value is not None else None


# The account's own part: who they are, how they sign in, and their activity.


@exporter("account")
def export_account(user) -> ExportPart:
    return ExportPart(
        records={
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "username": user.username,
            "date_joined": stamp(user.date_joined),
            "last_login": stamp(user.last_login),
            "email_addresses": list(
                EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
            ),
            "second_factors": list(
                Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
            ),
            "sessions": list(
                UserSession.objects.filter(user=user).values(
                    "ip", "user_agent", "created_at", "last_seen_at"
                )
            ),
            "api_tokens": list(
                user.api_tokens.values("name", "prefix", "created_at", "last_used_at")
            ),
            "activity": list(
                Event.objects.about(user).values("action_name", "timestamp", "remote_addr")
            ),
        }
    )


@eraser("account", order=80)
def erase_account_records(user) -> list:
    """How they signed in, their tokens and exports, and the admin's log of edits to them."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.api_tokens.all().delete()
    exports = list(user.data_exports.exclude(file=""))
    user.data_exports.all().delete()
    # Django's admin log keeps the account's name (its `str`) in each entry about it.
    AdminLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    ).delete()
    return [export.file for export in exports]
