"""The account's own part of a data export and of an erasure (see marketplace.personal_data)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType

from audit.models import Event
from marketplace.personal_data import ExportPart, eraser, exporter, stamp

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
