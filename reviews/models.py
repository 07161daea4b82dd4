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

from ratings.aspects import (
    ACCURACY,
    ASPECTS,
    BRIEF,
    DEADLINES,
    VOICE,
    Aspect,
    rating_column,
    sub_rating_constraints,
)

REVIEW_TEXT_MIN_LENGTH = 20
REVIEW_TEXT_MAX_LENGTH = 5_000
# The author may change a review for this long after posting it (it then says "Edited").
EDIT_WINDOW = timedelta(days=14)


class ReviewDirection(models.TextChoices):
    OF_FREELANCER = "of_freelancer", "Client reviews the freelancer"
    OF_CLIENT = "of_client", "Freelancer reviews the client"


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        """What everyone may read: published (double-blind over) and not hidden by a moderator."""
        return self.filter(published_at__isnull=False, is_hidden=False)

    def visible_to(self, user):
        """Visible reviews, and the author's own even while pending or once hidden."""
        if user.is_authenticated:
            return self.filter(
                models.Q(published_at__isnull=False, is_hidden=False) | models.Q(author=user)
            )
        return self.visible()

    def pending(self):
        """Written but not yet published: hidden from everyone but the author."""
        return self.filter(published_at__isnull=True)

    def of_freelancers(self):
        return self.filter(direction=ReviewDirection.OF_FREELANCER)

    def of_clients(self):
        return self.filter(direction=ReviewDirection.OF_CLIENT)

    def reported(self):
        """Reviews someone has reported, each once (the moderation queue)."""
        return self.filter(reports__isnull=False).distinct()

    def news_for(self, user):
        """What the dashboard tells `user` about: published reviews of them (of their services,
        or of them as a client), and responses to reviews they wrote; most recently changed
        first."""
        return (
            self.visible()
            .filter(models.Q(subject=user) | models.Q(author=user, responded_at__isnull=False))
            .select_related("service__owner", "author__profile", "subject")
            .order_by("-updated_at", "-pk")
        )


class Review(models.Model):
    """One side's rating and words about the other after a completed engagement.

    Two per engagement at most, one per direction (a unique constraint): the client reviews
    the freelancer's service, the freelancer reviews the client. Double-blind: a review is
    pending (`published_at` null, seen by its author only) until the other side's review is in
    or the review window closes; then both are published at the same moment (see
    `reviews.publishing`). The reviewed person (`subject`) may answer once, publicly. Service
    (client reviews of freelancers only), author and subject repeat the engagement's so that
    lists and reputation sums need no join. Changes go through `reviews.submission` and
    `reviews.moderation`, which keep the stored reputation current.
    """

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="reviews"
    )
    direction = models.CharField(
        max_length=20, choices=ReviewDirection, default=ReviewDirection.OF_FREELANCER
    )
    # The reviewed service: set for reviews of freelancers, empty for reviews of clients.
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.CASCADE,
        related_name="reviews",
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_written"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviews_received",
        help_text="The reviewed person: the freelancer's user, or the client.",
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
    # Sub-ratings for writing work, one per aspect of ratings.aspects (null: not rated).
    accuracy_rating = rating_column(ACCURACY)
    brief_rating = rating_column(BRIEF)
    voice_rating = rating_column(VOICE)
    deadlines_rating = rating_column(DEADLINES)
    response = models.TextField("reviewed person's response", max_length=5_000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    # Null while the review is pending (double-blind); both reviews of an engagement get the
    # same moment.
    published_at = models.DateTimeField(null=True, blank=True)
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
            models.Index(
                fields=["subject", "direction", "-created_at"], name="review_subject_recent"
            ),
            # The window-close task looks for pending reviews.
            models.Index(
                fields=["created_at"],
                name="review_pending",
                condition=models.Q(published_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
            *sub_rating_constraints("review"),
            models.UniqueConstraint(
                fields=["engagement", "direction"], name="review_once_per_direction"
            ),
            models.CheckConstraint(
                condition=models.Q(direction="of_freelancer", service__isnull=False)
                | models.Q(direction="of_client", service__isnull=True),
                name="review_service_iff_of_freelancer",
            ),
        ]

    def __str__(self):
        return f"{self.rating}★ by {self.author} on {self.service or self.subject}"

    def clean(self):
        if self.service_id and self.author_id and self.service.owner.user_id == self.author_id:
            raise ValidationError("Freelancers cannot review their own services.", code="own")
        if self.author_id and self.author_id == self.subject_id:
            raise ValidationError("Nobody can review themselves.", code="own")

    @property
    def is_of_client(self) -> bool:
        return self.direction == ReviewDirection.OF_CLIENT

    @property
    def author_name(self) -> str:
        """How the review signs its author: a freelancer reviewing a client by the name on
        their profile (the review form promises "with your name"), anyone else by first name
        and last initial (User.public_name). Reads `author`, and `author.profile` on reviews of
        clients: select them."""
        profile = getattr(self.author, "profile", None) if self.is_of_client else None
        return profile.display_name if profile is not None else self.author.public_name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

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


class ClientReputation(models.Model):
    """A client's stored reputation from freelancers' published, visible reviews of them.

    Clients have no Profile, so their totals live here (one row per reviewed client), kept
    current by `reviews.reputation` like the services' and profiles' columns.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="client_reputation",
    )
    review_count = models.PositiveIntegerField(default=0)
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    # The damped average, as on services (see reviews.reputation).
    rating_score = models.FloatField()

    def __str__(self):
        return f"{self.user}: {self.review_count} reviews as a client"


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
