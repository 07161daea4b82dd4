"""Delivering a funded milestone: the freelancer submits the work (a message and files), the
client releases it (`payments.settlement.release`) or asks for changes, within the revision
rounds the milestone allows. A submission the client leaves unanswered is released after
MILESTONE_AUTO_RELEASE_DAYS (`settlement.release_overdue`), after reminders at
`REMINDER_DAYS` before; each reminder is stamped on the milestone under its lock, so it is
sent once however often the periodic job runs.
"""

import secrets
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from messaging.models import Side
from payments import notifications
from payments.exceptions import PaymentRefused
from payments.files import MAX_FILES, CheckedFile
from payments.locks import lock_milestone
from payments.models import (
    REMINDER_DAYS,
    Milestone,
    MilestoneState,
    Submission,
    SubmissionFile,
    auto_release_delay,
)
from payments.settlement import side_of

S = MilestoneState
# The stamp of each reminder, by days before the automatic release.
REMINDER_STAMPS = dict(
    zip(REMINDER_DAYS, ("reminded_week_before_at", "reminded_day_before_at"), strict=True)
)


def submit_work(*, milestone: Milestone, by, message: str, files: list[CheckedFile]) -> Submission:
    """The freelancer delivers a funded milestone (or its revision): the client has
    MILESTONE_AUTO_RELEASE_DAYS (or the milestone's own delay) to release it or ask for
    changes."""
    if len(files) > MAX_FILES:
        raise PaymentRefused(f"Attach at most {MAX_FILES} files.", code="invalid")
    storage = SubmissionFile._meta.get_field("file").storage
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = lock_milestone(milestone.pk)
            if side_of(locked, by) != Side.FREELANCER:
                raise PaymentRefused("Only the freelancer submits the work.", code="wrong_side")
            if locked.state == S.DISPUTED:
                raise PaymentRefused(
                    "This milestone is in dispute: wait for staff's decision.", code="disputed"
                )
            if locked.awaiting_client_brief:
                raise PaymentRefused(
                    "The client has not answered the questions yet: the work starts once "
                    "they have.",
                    code="wrong_state",
                )
            if locked.state not in (S.FUNDED, S.CHANGES_REQUESTED):
                raise PaymentRefused(
                    f"This milestone is {locked.get_state_display().lower()}: "
                    + (
                        "wait until the client funds it."
                        if locked.state == S.PROPOSED
                        else "it takes no submission now."
                    ),
                    code="wrong_state",
                )
            now = timezone.now()
            submission = Submission.objects.create(
                milestone=locked, message=message.strip(), created_at=now
            )
            for checked in files:
                row = SubmissionFile(
                    submission=submission,
                    name=checked.name,
                    content_type=checked.content_type,
                    size=len(checked.content),
                )
                # A random name: what the freelancer called the file never reaches the path.
                row.file.save(
                    f"{locked.pk}-{secrets.token_hex(8)}.{checked.extension}",
                    ContentFile(checked.content),
                    save=False,
                )
                stored.append(row.file.name)
                row.save()
            locked.state = S.SUBMITTED
            locked.submitted_at = now
            locked.auto_release_at = now + auto_release_delay(locked)
            locked.reminded_week_before_at = locked.reminded_day_before_at = None
            locked.save(
                update_fields=[
                    "state",
                    "submitted_at",
                    "auto_release_at",
                    "reminded_week_before_at",
                    "reminded_day_before_at",
                ]
            )
            notifications.submitted(milestone=locked)
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return submission


def request_changes(*, milestone: Milestone, by, note: str) -> Milestone:
    """The client sends a submitted milestone back, using one of its revision rounds."""
    with transaction.atomic():
        locked = lock_milestone(milestone.pk)
        if side_of(locked, by) != Side.CLIENT:
            raise PaymentRefused("Only the client asks for changes.", code="wrong_side")
        if locked.state != S.SUBMITTED:
            raise PaymentRefused(
                f"This milestone is {locked.get_state_display().lower()}: changes are asked "
                "for on submitted work.",
                code="disputed" if locked.state == S.DISPUTED else "wrong_state",
            )
        if locked.revisions_left <= 0:
            raise PaymentRefused(
                f"All {locked.revisions_allowed} revision round(s) of this milestone are used: "
                "release it, propose a refund, or open a dispute.",
                code="no_revisions_left",
            )
        locked.state = S.CHANGES_REQUESTED
        locked.revisions_used += 1
        locked.changes_requested_at = timezone.now()
        locked.auto_release_at = None
        locked.save(
            update_fields=["state", "revisions_used", "changes_requested_at", "auto_release_at"]
        )
        notifications.changes_requested(milestone=locked, note=note.strip())
    return locked


def remind_clients(*, now: datetime | None = None) -> int:
    """Send each due reminder before an automatic release, once; returns how many."""
    now = now or timezone.now()
    sent = 0
    # Nearest first: a client who submitted late in the window gets the nearer reminder only.
    for days in sorted(REMINDER_DAYS):
        stamp = REMINDER_STAMPS[days]
        due = (
            Milestone.objects.filter(
                state=S.SUBMITTED,
                auto_release_at__gt=now,
                auto_release_at__lte=now + timedelta(days=days),
                **{f"{stamp}__isnull": True},
            )
            # A milestone that waits fewer days than this reminder gets only nearer ones.
            .exclude(auto_release_days__lte=days)
            .values_list("pk", flat=True)
        )
        for pk in list(due):
            with transaction.atomic():
                locked = lock_milestone(pk)
                if locked.state != S.SUBMITTED or getattr(locked, stamp) is not None:
                    continue
                # The nearer reminder makes the farther one moot.
                for other_days, other_stamp in REMINDER_STAMPS.items():
                    if other_days >= days and getattr(locked, other_stamp) is None:
                        setattr(locked, other_stamp, now)
                locked.save(update_fields=list(REMINDER_STAMPS.values()))
                notifications.reminder(milestone=locked, days=days)
                sent += 1
    return sent
