import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from messaging.models import Side, Thread, ThreadMessage, ThreadQuerySet
from money.currencies import Currency
from uploads.storage import private_storage

# A delivered engagement the client neither completes nor disputes completes itself after this.
AUTO_COMPLETE_AFTER = timedelta(days=14)
# Both sides may review the work for this long after the engagement completes; when it
# closes, pending reviews are published (reviews.publishing) even if the other side wrote none.
REVIEW_WINDOW = timedelta(days=30)


class EngagementState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    DELIVERED = "delivered", "Delivered"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATES = (EngagementState.REQUESTED, EngagementState.ACCEPTED, EngagementState.DELIVERED)


class QuoteBasis(models.TextChoices):
    FIXED = "fixed", "Fixed price"
    HOURLY = "hourly", "Per hour"


class EngagementQuerySet(ThreadQuerySet):
    def as_client(self, user):
        return self.filter(client=user)

    def as_freelancer(self, user):
        return self.filter(freelancer__user=user)

    def in_role(self, user, role: str | None):
        """The user's engagements as `role` ("client" or "freelancer"); either side for None."""
        if role == Side.CLIENT:
            return self.as_client(user)
        if role == Side.FREELANCER:
            return self.as_freelancer(user)
        return self.involving(user)

    def readable_by(self, user):
        """What a user may open: their own engagements; staff may open any (moderation)."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.involving(user)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, now: datetime | None = None):
        """Delivered engagements whose client has let the completion deadline pass."""
        now = now or timezone.now()
        return self.filter(
            state=EngagementState.DELIVERED, delivered_at__lte=now - AUTO_COMPLETE_AFTER
        )

    def for_inbox(self, user, role: str | None = None):
        """The user's engagements as `role` (either side for None), newest activity first,
        with unread counts."""
        return (
            self.in_role(user, role)
            .select_related("service", "client", "freelancer")
            .with_unread_count(user)
            .order_by("-last_activity_at", "-id")
        )


class Engagement(Thread):
    """A client asking a freelancer for work on one service, from the quote to completion.

    State changes go through `engagements.transitions`, which enforces who may do what.
    """

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagements_as_client"
    )
    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, related_name="engagements"
    )
    # The service's owner when the quote was requested; stored so that the freelancer's inbox
    # is one indexed filter instead of a join through services.
    freelancer = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="engagements"
    )
    what = models.TextField("what you need", max_length=4_000)
    budget = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency, default=Currency.USD)
    quoted_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    quote_basis = models.CharField(max_length=10, choices=QuoteBasis, blank=True)
    state = models.CharField(
        max_length=10, choices=EngagementState, default=EngagementState.REQUESTED, db_index=True
    )
    requested_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_automatically = models.BooleanField(default=False)
    cancelled_by = models.CharField(max_length=10, choices=Side, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = EngagementQuerySet.as_manager()

    touched_by_messages = ("last_activity_at",)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-last_activity_at"], name="engagement_client_recent"),
            models.Index(
                fields=["freelancer", "-last_activity_at"], name="engagement_freelancer_recent"
            ),
            models.Index(fields=["state", "delivered_at"], name="engagement_state_delivered"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0) | Q(budget__isnull=True),
                name="engagement_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quoted_amount__gte=0) | Q(quoted_amount__isnull=True),
                name="engagement_quote_not_negative",
            ),
            # Each state carries the moment it was reached, so "completed in March" is a fact.
            models.CheckConstraint(
                condition=~Q(state=EngagementState.ACCEPTED) | Q(accepted_at__isnull=False),
                name="engagement_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=EngagementState.DECLINED) | Q(declined_at__isnull=False),
                name="engagement_declined_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[EngagementState.DELIVERED, EngagementState.COMPLETED])
                | Q(delivered_at__isnull=False),
                name="engagement_delivered_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=EngagementState.COMPLETED) | Q(completed_at__isnull=False),
                name="engagement_completed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=EngagementState.CANCELLED) | Q(cancelled_at__isnull=False),
                name="engagement_cancelled_has_time",
            ),
        ]

    def __str__(self):
        return f"Engagement #{self.pk} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("engagements:detail", kwargs={"pk": self.pk})

    @property
    def client_user_id(self) -> int:
        return self.client_id

    @property
    def freelancer_user_id(self) -> int:
        return self.freelancer.user_id

    def is_readable_by(self, user) -> bool:
        return self.side_of(user) is not None or (user.is_authenticated and user.is_staff)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def auto_completes_at(self) -> datetime | None:
        if self.state != EngagementState.DELIVERED or self.delivered_at is None:
            return None
        return self.delivered_at + AUTO_COMPLETE_AFTER

    def is_overdue(self, now: datetime | None = None) -> bool:
        due = self.auto_completes_at
        return due is not None and due <= (now or timezone.now())

    @property
    def review_deadline(self) -> datetime | None:
        """When both sides' chance to review the work ends, and pending reviews of it are
        published (None until it completes)."""
        if self.completed_at is None:
            return None
        return self.completed_at + REVIEW_WINDOW

    def review_window_closed(self, now: datetime | None = None) -> bool:
        deadline = self.review_deadline
        return deadline is not None and (now or timezone.now()) > deadline

    def why_not_reviewable_by(self, user, now: datetime | None = None) -> str | None:
        """Why `user` may not review this work now, as a code (`anonymous`, `not_client`,
        `not_completed`, `window_closed`, `duplicate`), or None if they may.

        The rule the review form, the API and the engagement's page share; reviews.submission
        words each code for people. Reads `reviews` (a side reviews once): prefetch it with
        the engagement when listing many.
        """
        if not user.is_authenticated:
            return "anonymous"
        if self.side_of(user) is None:
            return "not_client"
        if self.state != EngagementState.COMPLETED:
            return "not_completed"
        if self.review_window_closed(now):
            return "window_closed"
        if any(review.author_id == user.pk for review in self.reviews.all()):
            return "duplicate"
        return None

    def client_name(self) -> str:
        return self.client.shown_name

    def name_of(self, side: Side) -> str:
        return self.client_name() if side == Side.CLIENT else self.freelancer.display_name

    def user_on(self, side: Side):
        return self.client if side == Side.CLIENT else self.freelancer.user

    def thread_topic(self) -> str:
        return self.service.title

    def thread_closed_reason(self) -> str | None:
        if self.state in (EngagementState.DECLINED, EngagementState.CANCELLED):
            return f"This engagement is {self.get_state_display().lower()}; its thread is closed."
        return None


class Message(ThreadMessage):
    """One message in an engagement's private thread (client, freelancer; staff may read)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagement_messages"
    )

    class Meta(ThreadMessage.Meta):
        indexes = [
            models.Index(fields=["engagement", "created_at"], name="message_thread_order"),
        ]

    def __str__(self):
        return f"Message #{self.pk} in engagement #{self.engagement_id}"


# A signed-out visitor's document is deleted this long after it was sent (the
# `prune-anonymous-documents` beat task), whether or not they went on to request the quote.
ANONYMOUS_DOCUMENT_LIFETIME = timedelta(hours=1)


class DocumentQuoteStatus(models.TextChoices):
    COUNTING = "counting", "Counting"
    READY = "ready", "Ready"
    REFUSED = "refused", "Refused"


class DocumentQuoteQuerySet(models.QuerySet):
    def anonymous_expired(self, now: datetime | None = None):
        """Signed-out visitors' documents past ANONYMOUS_DOCUMENT_LIFETIME."""
        cutoff = (now or timezone.now()) - ANONYMOUS_DOCUMENT_LIFETIME
        return self.filter(owner__isnull=True, created_at__lte=cutoff)


class DocumentQuote(models.Model):
    """A client's document priced by a service's per-word rate: words × rate, at least the
    minimum charge (engagements.document_quotes). Its id is a random UUID: a signed-out
    visitor's quote is opened by its address alone, and for an hour only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, related_name="document_quotes"
    )
    # The signed-in client who sent it, or who requested the quote with it; null: anonymous.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="document_quotes",
    )
    engagement = models.OneToOneField(
        Engagement, on_delete=models.SET_NULL, null=True, blank=True, related_name="document"
    )
    document = models.FileField(upload_to="documents/", storage=private_storage, blank=True)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    kind = models.CharField(max_length=10)
    status = models.CharField(
        max_length=10, choices=DocumentQuoteStatus, default=DocumentQuoteStatus.COUNTING
    )
    # How far a background count has gone, 0 to 100.
    progress = models.PositiveSmallIntegerField(default=0)
    refusal = models.CharField(max_length=300, blank=True)
    word_count = models.PositiveIntegerField(null=True, blank=True)
    # The terms it was priced at, kept: a later change of rate does not change a quote.
    per_word_rate = models.DecimalField(max_digits=6, decimal_places=3)
    minimum_charge = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    words_per_day = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = DocumentQuoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="document_quote_progress_percent"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready")
                | (Q(word_count__isnull=False) & Q(price__isnull=False)),
                name="document_quote_ready_has_price",
            ),
        ]

    def __str__(self):
        return f"{self.filename} for {self.service_id}"

    def get_absolute_url(self):
        return reverse("engagements:document_quote", kwargs={"pk": self.pk})

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentQuoteStatus.READY

    @property
    def delivery_days(self) -> int | None:
        """Working days at the freelancer's pace, rounded up; None without a pace."""
        if not self.words_per_day or self.word_count is None:
            return None
        return max(1, -(-self.word_count // self.words_per_day))

    def is_readable_by(self, user) -> bool:
        """Anyone with the address while anonymous (an hour at most); then its owner, and the
        freelancer of the engagement it was sent with."""
        if self.owner_id is None:
            return True
        if not user.is_authenticated:
            return False
        if self.owner_id == user.pk:
            return True
        return self.engagement_id is not None and self.engagement.freelancer.user_id == user.pk
