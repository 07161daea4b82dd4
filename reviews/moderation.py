"""Reports and moderation: anyone signed in reports a review, staff hide or restore it.

Nothing is hidden automatically (not for being negative, not for being reported often): a
person decides, and the reason is logged (`ModerationDecision`). Hiding and restoring refresh
the stored reputation in the same transaction, so hidden reviews leave counts and averages.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import Action
from audit.recording import record
from engagements.models import Engagement
from engagements.transitions import refresh_completed_counts
from reviews.exceptions import ReviewRefused
from reviews.models import (
    ModerationAction,
    ModerationDecision,
    ReportResolution,
    Review,
    ReviewReport,
)
from reviews.reputation import refresh_client_reputation, refresh_for_reviews, refresh_reputation

REASON_MAX_LENGTH = 300


def report_review(*, review: Review, reporter, reason: str) -> ReviewReport:
    if not reporter.is_authenticated:
        raise ReviewRefused("Sign in to report a review.", code="anonymous")
    reason = reason.strip()
    if not reason:
        raise ReviewRefused("Say why you are reporting this review.", code="invalid")
    try:
        with transaction.atomic():
            report = ReviewReport.objects.create(review=review, reporter=reporter, reason=reason)
            record(
                actor=reporter,
                action=Action.REVIEW_REPORTED,
                target=review,
                subject=review.author,
                data={"report": report.pk},
            )
            return report
    except IntegrityError:
        raise ReviewRefused(
            "You have already reported this review; a moderator will look at it.",
            code="duplicate",
        ) from None


def hide_review(*, review: Review, moderator, reason: str) -> Review:
    return _decide(review, moderator=moderator, reason=reason, hide=True)


def restore_review(*, review: Review, moderator, reason: str) -> Review:
    """Make a review visible again (or keep a reported one visible), closing its reports."""
    return _decide(review, moderator=moderator, reason=reason, hide=False)


def _decide(review: Review, *, moderator, reason: str, hide: bool) -> Review:
    reason = reason.strip()
    if not reason:
        raise ReviewRefused("Give the reason for this decision.", code="invalid")
    if len(reason) > REASON_MAX_LENGTH:
        raise ReviewRefused(
            f"Keep the reason under {REASON_MAX_LENGTH} characters.", code="invalid"
        )
    with transaction.atomic():
        review.is_hidden = hide
        review.hidden_reason = reason if hide else ""
        review.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        ModerationDecision.objects.create(
            review=review,
            moderator=moderator,
            action=ModerationAction.HIDE if hide else ModerationAction.RESTORE,
            reason=reason,
        )
        record(
            actor=moderator,
            action=Action.REVIEW_HIDDEN if hide else Action.REVIEW_RESTORED,
            target=review,
            subject=review.author,
            data={"reason": reason},
        )
        review.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(),
            resolution=ReportResolution.HIDDEN if hide else ReportResolution.RESTORED,
        )
        refresh_for_reviews([review])
    return review


@transaction.atomic
def delete_engagement(*, engagement: Engagement) -> None:
    """Delete an engagement (spam, a legal request) with its reviews and messages, and
    recompute what its reviews counted towards: the freelancer's reputation and completed
    count, the client's reputation."""
    engagement.delete()
    refresh_reputation(service_ids=[engagement.service_id])
    refresh_client_reputation(user_ids=[engagement.client_id])
    refresh_completed_counts(profile_ids=[engagement.freelancer_id])
