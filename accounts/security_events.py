"""allauth's security events on the audit trail.

allauth tells of these only by signals (a second factor added or removed, a recovery code
used, a password or email address changed), so these receivers are the one place that turns
them into audit entries; they record and do nothing else. Sign-ins and failed sign-ins go
through the account adapter instead (accounts/adapter.py), and the account's own pages call
`audit.recording.record` directly.

Staff changes in the admin are mirrored from Django's admin log, which every ModelAdmin
writes (no hook on the admin site sees them all).
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.db.models.signals import post_save

from audit.models import Action
from audit.recording import record


def _authenticator_added(sender, request, user, authenticator, **kwargs):
    record(
        actor=user,
        action=Action.SECOND_FACTOR_ADDED,
        target=authenticator,
        subject=user,
        request=request,
        data={"type": authenticator.type},
    )


def _authenticator_removed(sender, request, user, authenticator, **kwargs):
    record(
        actor=user,
        action=Action.SECOND_FACTOR_REMOVED,
        target=user,
        request=request,
        data={"type": authenticator.type},
    )


def _authenticator_reset(sender, request, user, authenticator, **kwargs):
    record(
        actor=user,
        action=Action.RECOVERY_CODES_GENERATED,
        target=authenticator,
        subject=user,
        request=request,
    )


def _authenticator_used(sender, request, user, authenticator, reauthenticated=False, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        action = Action.RECOVERY_CODE_USED
    elif reauthenticated:
        action = Action.REAUTHENTICATED
    else:
        return  # a sign-in: the adapter records it once the sign-in completes
    record(
        actor=user,
        action=action,
        target=authenticator,
        subject=user,
        request=request,
        data={"type": authenticator.type},
    )


def _second_factor_failed(sender, request, user, authenticator, **kwargs):
    record(
        actor=None,
        action=Action.SECOND_FACTOR_FAILED,
        subject=user,
        request=request,
        data={"type": authenticator.type},
    )


def _password_changed(sender, request, user, **kwargs):
    record(actor=user, action=Action.PASSWORD_CHANGED, request=request)


def _password_reset(sender, request, user, **kwargs):
    record(actor=user, action=Action.PASSWORD_RESET, request=request)


def _email_changed(sender, request, user, from_email_address=None, to_email_address=None, **kw):
    record(actor=user, action=Action.EMAIL_CHANGED, request=request)


def _email_added(sender, request, user, email_address, **kwargs):
    record(actor=user, action=Action.EMAIL_ADDED, request=request)


def _email_removed(sender, request, user, email_address, **kwargs):
    record(actor=user, action=Action.EMAIL_REMOVED, request=request)


def _reauthenticated_with_password(sender, request, user, method, **kwargs):
    if method == "password" and kwargs.get("reauthenticated"):
        record(actor=user, action=Action.REAUTHENTICATED, request=request)


def _staff_changed_something(sender, instance: AdminLogEntry, created: bool, **kwargs):
    if not created:
        return
    record(
        actor=instance.user,
        action=Action.STAFF_ADMIN_ACTION,
        target=instance,
        subject=instance.user,
        data={
            "model": f"{instance.content_type.app_label}.{instance.content_type.model}"
            if instance.content_type
            else None,
            "object_id": instance.object_id,
            "flag": {1: "added", 2: "changed", 3: "deleted"}.get(instance.action_flag),
        },
    )


def connect() -> None:
    """Called once, from AccountsConfig.ready."""
    uid = "accounts.security_events"
    mfa_signals.authenticator_added.connect(_authenticator_added, dispatch_uid=uid)
    mfa_signals.authenticator_removed.connect(_authenticator_removed, dispatch_uid=uid)
    mfa_signals.authenticator_reset.connect(_authenticator_reset, dispatch_uid=uid)
    mfa_signals.authenticator_used.connect(_authenticator_used, dispatch_uid=uid)
    mfa_signals.authentication_failed.connect(_second_factor_failed, dispatch_uid=uid)
    account_signals.password_changed.connect(_password_changed, dispatch_uid=uid)
    account_signals.password_reset.connect(_password_reset, dispatch_uid=uid)
    account_signals.email_changed.connect(_email_changed, dispatch_uid=uid)
    account_signals.email_added.connect(_email_added, dispatch_uid=uid)
    account_signals.email_removed.connect(_email_removed, dispatch_uid=uid)
    account_signals.authentication_step_completed.connect(
        _reauthenticated_with_password, dispatch_uid=uid
    )
    post_save.connect(_staff_changed_something, sender=AdminLogEntry, dispatch_uid=uid)
