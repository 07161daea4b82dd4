"""Deleting an account: what is only theirs goes, what others rely on stays, without them.

Each app's eraser (its `personal_data.py`) deletes or empties its part inside one transaction;
then the account row itself is emptied rather than deleted, because reviews, engagements,
proposals and the audit trail point at it: its email becomes `erased-<id>@erased.invalid`, its
names go, and `public_name` reads "Former member". Files are deleted once the transaction
commits (a rollback keeps them), and every session of the account ends.

Kept, because the other side relies on them: engagements, messages and proposals they sent
(the words stay, their name does not), reviews they wrote (signed "Former member") and
received, moderation decisions and reports, and audit entries (ids and addresses, no names).
"""

from http import HTTPStatus

from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from audit.models import Action
from audit.recording import record
from marketplace.personal_data import BLOCKERS, ERASERS
from marketplace.refusals import Refused


def erased_email(user: User) -> str:
    return f"erased-{user.pk}@erased.invalid"


class ErasureRefused(Refused):
    """The account holds or is owed money, or is otherwise not ready to go."""

    status_code = HTTPStatus.CONFLICT


def why_not_erasable(user: User) -> list[str]:
    """What stands in the way of deleting the account now (each app's `erasure_blocker`)."""
    return [reason for blocker in BLOCKERS.values() if (reason := blocker(user))]


def delete_account(*, user: User, request: HttpRequest | None) -> None:
    """Erase the account, or raise ErasureRefused saying what must happen first."""
    sessions = list(UserSession.objects.filter(user=user))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if reasons := why_not_erasable(user):
            raise ErasureRefused(" ".join(reasons), code="not_erasable")
        files = []
        for _order, _name, erase in ERASERS:
            files += erase(user)
        record(actor=user, action=Action.ACCOUNT_DELETED, request=request)
        user.email = erased_email(user)
        user.username = f"former-member-{user.pk}"
        user.first_name = user.last_name = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.last_login = None
        user.erased_at = timezone.now()
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        transaction.on_commit(lambda: _delete_files(files))
    for session in sessions:
        session.end()
    if request is not None:
        get_adapter().logout(request)


def _delete_files(files) -> None:
    for file in files:
        if file and file.name:
            file.storage.delete(file.name)
