"""The audit trail: who did what, to whom, when and from where; append-only.

The rows are django-auditlog's log entries (`AUDITLOG_LOGENTRY_MODEL`), so its admin filters,
its change diffs and its model registry all work on them; this model adds what an account
page and a staff filter need: the named `action` and the `subject`, the account an entry is
about. Entries are written by `audit.recording.record` (and by auditlog for registered
models) and never changed or deleted: `save` refuses an update, `delete` refuses, and so do
the QuerySet's `update` and `delete`; on PostgreSQL a trigger refuses them too.

Entries hold ids, not names or email addresses: an erased account leaves its history behind
without the person in it (see accounts/erasure.py).
"""

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models


class Action(models.TextChoices):
    """What happened. Apps that add actions (payments: money movements, disputes, payouts)
    add their names here so that the filters list them."""

    # Sign-in security
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    NEW_BROWSER = "new_browser", "Signed in from a new browser"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"
    SECOND_FACTOR_LOCKED = "second_factor_locked", "Second-factor attempts refused"
    SECOND_FACTOR_ADDED = "second_factor_added", "Second factor added"
    SECOND_FACTOR_REMOVED = "second_factor_removed", "Second factor removed"
    RECOVERY_CODES_GENERATED = "recovery_codes_generated", "Recovery codes generated"
    RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
    REAUTHENTICATED = "reauthenticated", "Confirmed identity again"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET = "password_reset", "Password reset"
    EMAIL_CHANGED = "email_changed", "Email address changed"
    EMAIL_ADDED = "email_added", "Email address added"
    EMAIL_REMOVED = "email_removed", "Email address removed"
    SESSION_ENDED = "session_ended", "Session ended"
    TOKEN_CREATED = "token_created", "API token created"
    TOKEN_REVOKED = "token_revoked", "API token revoked"
    # The account itself
    ACCOUNT_CREATED = "account_created", "Account created"
    ROLE_CHANGED = "role_changed", "Role changed"
    DATA_EXPORT_REQUESTED = "data_export_requested", "Data export requested"
    ACCOUNT_DELETED = "account_deleted", "Account deleted"
    # Staff
    REVIEW_REPORTED = "review_reported", "Review reported"
    REVIEW_HIDDEN = "review_hidden", "Review hidden by a moderator"
    REVIEW_RESTORED = "review_restored", "Review restored by a moderator"
    STAFF_ADMIN_ACTION = "staff_admin_action", "Staff change in the admin"
    # Money (payments): every movement, dispute decision and payout status change
    MILESTONE_FUNDED = "milestone_funded", "Milestone funded"
    MONEY_RELEASED = "money_released", "Money released to the freelancer"
    MONEY_REFUNDED = "money_refunded", "Money refunded to the card"
    PAYOUT_REQUESTED = "payout_requested", "Payout requested"
    PAYOUT_PAID = "payout_paid", "Payout paid"
    PAYOUT_FAILED = "payout_failed", "Payout failed"
    PAYOUT_DETAILS_CHANGED = "payout_details_changed", "Payout details changed"
    DISPUTE_OPENED = "dispute_opened", "Dispute opened"
    DISPUTE_RESOLVED = "dispute_resolved", "Dispute resolved by staff"
    # Hourly work (timesheets): a week's charge to the saved card
    HOURLY_WEEK_CHARGED = "hourly_week_charged", "Hourly week charged"
    # Rows written by auditlog's model registry
    RECORD_CHANGED = "record_changed", "Record changed"


class AppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries are never changed.")

    def delete(self):
        raise AppendOnly("Audit entries are never deleted.")

    def about(self, user) -> "EventQuerySet":
        """What a person may read of the trail: entries about their account, or that they did."""
        return self.filter(models.Q(subject=user) | models.Q(actor=user))

    def for_listing(self) -> "EventQuerySet":
        # The list shows who acted and on whose account.
        return self.select_related("actor", "subject", "content_type")


# auditlog's manager (log_create and friends) over the append-only QuerySet.
EventManager = LogEntryManager.from_queryset(EventQuerySet)


class Event(AbstractLogEntry):
    action_name = models.CharField(
        "action", max_length=40, choices=Action.choices, default=Action.RECORD_CHANGED
    )
    # No database constraint and no cascade: an entry outlives whatever it names, and deleting
    # a user must not rewrite (SET NULL) the trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        help_text="The account this entry is about.",
    )

    objects = EventManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [
            models.Index(fields=["subject", "-timestamp"], name="audit_subject_time"),
            models.Index(fields=["action_name", "-timestamp"], name="audit_action_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_name_display()}: {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnly("Audit entries are never changed.")
        # Ids, not names: `str(instance)` of a user is their username, which an erasure must
        # not leave behind; auditlog copies the actor's email, which it must not either.
        self.object_repr = f"{self.content_type.name} #{self.object_pk}"
        self.actor_email = None
        if self.subject_id is None and self._is_about_a_user():
            self.subject_id = self.object_id
        if self.action_name == Action.RECORD_CHANGED and self._is_about_a_user():
            if self.action == self.Action.CREATE:
                self.action_name = Action.ACCOUNT_CREATED
            elif set(self.changes_dict) & ROLE_FIELDS:
                self.action_name = Action.ROLE_CHANGED
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries are never deleted.")

    def _is_about_a_user(self) -> bool:
        return self.content_type.model_class() is get_user_model()


ROLE_FIELDS = {"is_staff", "is_superuser", "is_active", "groups", "user_permissions"}
