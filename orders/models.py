"""A service bought in one step: a package (and add-ons) paid into escrow as one milestone.

An order is an engagement accepted at once (`engagements.quoting.start_agreed_engagement`)
whose plan is one milestone of the whole price (`payments.planning.agree_single_payment`).
Payment, delivery with files, revisions, acceptance (the release), the automatic acceptance
and refunds are the payments app's, on that milestone; this app adds what the client bought
(a copy, so editing a package never changes an order already placed), the requirements that
start the delivery clock, lateness and the late order's cancellation.

The order's status is read from its milestone (`Order.status`), never stored twice.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from money.currencies import Currency
from payments.models import MilestoneState
from services.models import PackageTier, QuestionKind
from uploads.storage import private_storage

# A request key names one attempt to place an order (the page's hidden field, the API's
# Idempotency-Key): the same key again is the same order.
REQUEST_KEY_MAX_LENGTH = 100
ANSWER_MAX_LENGTH = 4_000

M = MilestoneState


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", "Waiting for payment"
    AWAITING_REQUIREMENTS = "awaiting_requirements", "Waiting for the client’s answers"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    REVISION = "revision", "Revision requested"
    DISPUTED = "disputed", "In dispute"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled and refunded"
    SETTLED = "settled", "Settled"


class OrderQuerySet(models.QuerySet):
    def involving(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(client=user) | Q(engagement__freelancer__user=user))

    def readable_by(self, user):
        if user.is_authenticated and user.is_staff:
            return self
        return self.involving(user)

    def due_to_be_marked_late(self, now: datetime | None = None):
        """Orders past their due moment, never delivered, not yet marked late."""
        return self.filter(
            due_at__lt=now or timezone.now(),
            late_at__isnull=True,
            milestone__state=M.FUNDED,
            milestone__submitted_at__isnull=True,
        )

    def for_pages(self):
        return self.select_related(
            "service", "client", "engagement__freelancer__user", "milestone"
        ).prefetch_related("add_ons")


class Order(models.Model):
    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="order"
    )
    milestone = models.OneToOneField(
        "payments.Milestone", on_delete=models.PROTECT, related_name="order"
    )
    service = models.ForeignKey("services.Service", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orders"
    )
    request_key = models.CharField(max_length=REQUEST_KEY_MAX_LENGTH)
    # What was bought, copied from the package when the order was placed.
    tier = models.PositiveSmallIntegerField(choices=PackageTier)
    package_name = models.CharField(max_length=100)
    package_description = models.CharField(max_length=300, blank=True)
    package_price = models.DecimalField(max_digits=10, decimal_places=2)
    revisions = models.PositiveSmallIntegerField()
    word_count = models.PositiveIntegerField(null=True, blank=True)
    # The package's days plus each add-on's extra days, counted from the requirements.
    delivery_days = models.PositiveSmallIntegerField()
    total = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency)
    placed_at = models.DateTimeField(default=timezone.now)
    # The client's answers are in: the delivery clock started, and the order is due then.
    requirements_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    # Marked late (both sides told) by the periodic job; cancelled by the client once late.
    late_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["due_at"], name="order_due_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "request_key"], name="order_one_per_request_key"
            ),
            models.CheckConstraint(condition=Q(total__gt=0), name="order_total_positive"),
            models.CheckConstraint(
                condition=Q(requirements_at__isnull=True) | Q(due_at__isnull=False),
                name="order_requirements_start_the_clock",
            ),
        ]

    def __str__(self):
        return f"Order #{self.pk}: {self.package_name}"

    def get_absolute_url(self):
        return f"{self.engagement.get_absolute_url()}#order"

    @property
    def status(self) -> str:
        state = self.milestone.state
        if self.cancelled_at:
            return OrderStatus.CANCELLED
        if state == M.PROPOSED:
            return OrderStatus.AWAITING_PAYMENT
        if state == M.FUNDED:
            if self.requirements_at is None:
                return OrderStatus.AWAITING_REQUIREMENTS
            return OrderStatus.IN_PROGRESS
        return {
            M.SUBMITTED: OrderStatus.DELIVERED,
            M.CHANGES_REQUESTED: OrderStatus.REVISION,
            M.DISPUTED: OrderStatus.DISPUTED,
            M.RELEASED: OrderStatus.COMPLETED,
        }.get(state, OrderStatus.SETTLED)

    def get_status_display(self) -> str:
        return OrderStatus(self.status).label

    def is_late(self, now: datetime | None = None) -> bool:
        """Due, and not delivered once: the client may cancel it for a full refund."""
        return (
            self.due_at is not None
            and self.due_at < (now or timezone.now())
            and self.milestone.state == M.FUNDED
            and self.milestone.submitted_at is None
        )

    def side_of(self, user):
        return self.engagement.side_of(user)


class OrderAddOn(models.Model):
    """An add-on as it was bought."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="add_ons")
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    extra_days = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class RequirementAnswer(models.Model):
    """The client's answer to one of the freelancer's questions, with the question as it
    was asked. A file answer is checked by decoding it and kept in the private storage."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=QuestionKind)
    text = models.TextField(max_length=ANSWER_MAX_LENGTH, blank=True)
    file = models.FileField(
        upload_to="requirements/", storage=private_storage, max_length=200, blank=True
    )
    file_name = models.CharField(max_length=120, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.question

    def get_file_url(self) -> str:
        return reverse("orders:answer_file", kwargs={"pk": self.pk})
