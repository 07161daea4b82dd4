from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
)
from django.db import models
from django.utils import timezone

from reviews.aspects import ASPECTS, Aspect, sub_rating_constraints, sub_rating_fields

REVIEW_TEXT_MIN_LENGTH = 20
REVIEW_TEXT_MAX_LENGTH = 5_000
# The author may change a review for this long after posting it (it then says "Edited").
EDIT_WINDOW = timedelta(days=14)


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        """Published reviews, and the author's own even once a moderator has hidden them."""
        if user.is_authenticated:
            return self.filter(models.Q(is_hidden=False) | models.Q(author=user))
        return self.visible()

    def reported(self):
        """Reviews someone has reported, each once (the moderation queue)."""
        return self.filter(reports__isnull=False).distinct()

    def news_for(self, user):
        """What the dashboard tells `user` about: reviews of their services, and freelancers'
        responses to reviews they wrote; most recently changed first."""
        return (
            self.visible()
            .filter(
                models.Q(service__owner__user=user)
                | models.Q(author=user, responded_at__isnull=False)
            )
            .select_related("service__owner", "author")
            .order_by("-updated_at", "-pk")
        )


class Review(models.Model):
    """A client's rating and words about a service after a completed engagement.

    One per engagement, enforced by the database (the one-to-one's unique index); the
    freelancer may answer once, publicly. Service and author repeat the engagement's
    service and client so that lists and reputation sums need no join. Changes go through
    `reviews.submission` and `reviews.moderation`, which keep the stored reputation current.
    """

    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="review"
    )
    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_written"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # TextField's max_length binds forms only; the validators bind every caller (the API too).
    text = models.TextField(
        max_length=REVIEW_TEXT_MAX_LENGTH,
        validators=[
            MinLengthValidator(REVIEW_TEXT_MIN_LENGTH),
            MaxLengthValidator(REVIEW_TEXT_MAX_LENGTH),
        ],
    )
    # The day the hired work was completed, copied from the engagement when the review is
    # written: the "Verified hire · March 2026" mark then costs no join on review lists.
    work_completed_on = models.DateField()
    edited_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField("freelancer's response", max_length=5_000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False, help_text="Hidden by a moderator.")
    hidden_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["service", "is_hidden", "-created_at"], name="review_service_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
            *sub_rating_constraints("review"),
        ]

    def __str__(self):
        return f"{self.rating}★ by {self.author} on {self.service}"

    def clean(self):
        if self.service_id and self.author_id and self.service.owner.user_id == self.author_id:
            raise ValidationError("Freelancers cannot review their own services.", code="own")

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None

    @property
    def edit_deadline(self) -> datetime:
        return (self.created_at or timezone.now()) + EDIT_WINDOW

    @property
    def sub_ratings(self) -> list[tuple[Aspect, int]]:
        """The aspects this review rates, with their stars, in the aspects' order."""
        rated = [(aspect, getattr(self, aspect.rating_field)) for aspect in ASPECTS]
        return [(aspect, stars) for aspect, stars in rated if stars is not None]

    def is_editable_by(self, user, now: datetime | None = None) -> bool:
        """The author, within the edit window, while the review is not hidden."""
        return (
            user.is_authenticated
            and user.pk == self.author_id
            and not self.is_hidden
            and (now or timezone.now()) <= self.edit_deadline
        )


# Sub-ratings for writing work: one nullable column per aspect in reviews.aspects.ASPECTS.
for _name, _field in sub_rating_fields().items():
    Review.add_to_class(_name, _field)


class ReportResolution(models.TextChoices):
    HIDDEN = "hidden", "Review hidden"
    RESTORED = "restored", "Review kept visible"


class ReviewReport(models.Model):
    """Someone signed in telling moderators that a review breaks the rules, and why."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reports"
    )
    reason = models.TextField(max_length=1_000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=10, choices=ReportResolution, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "reporter"], name="review_report_once_per_person"
            ),
        ]
        indexes = [models.Index(fields=["resolved_at"], name="review_report_open")]

    def __str__(self):
        return f"Report on review #{self.review_id} by {self.reporter}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ModerationAction(models.TextChoices):
    HIDE = "hide", "Hidden"
    RESTORE = "restore", "Restored"


class ModerationDecision(models.Model):
    """A moderator hiding or restoring a review, with the reason: the moderation log."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="moderation_decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=ModerationAction)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} review #{self.review_id}: {self.reason}"


class ReportedReview(Review):
    """The moderation queue in the admin: reviews with reports, open reports first."""

    class Meta:
        proxy = True
        verbose_name = "reported review"
        verbose_name_plural = "reported reviews (moderation queue)"
