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
from services import package_limits
from services.models import PackageTier, QuestionKind
from uploads.storage import private_storage

# A request key names one attempt to place an order (the page's hidden field, the API's
# Idempotency-Key): the same key again is the same order.
REQUEST_KEY_MAX_LENGTH = 100
ANSWER_MAX_LENGTH = 4_000
EXTRA_DESCRIPTION_MAX_LENGTH = 200
# An extra adds days as a service's add-on does; an extension adds at least one.
MAX_EXTRA_DAYS = package_limits.MAX_ADD_ON_EXTRA_DAYS

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

    def takes_extras(self) -> bool:
        """Extras are offered and accepted while the work is under way: after the client's
        answers started the clock, before the delivery is accepted or the order cancelled."""
        return self.status in (OrderStatus.IN_PROGRESS, OrderStatus.REVISION)


class ExtraKind(models.TextChoices):
    EXTENSION = "extension", "More time"
    ADD_ON = "add_on", "Paid add-on"


class ExtraStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# An offer still unanswered when its order ended (accepted, settled or cancelled) has lapsed:
# nobody can answer it any more. It is worked out, never stored (the row stays `offered`),
# because an order ends in the payments app, which knows nothing of extras.
LAPSED = "lapsed"
ENDED_ORDER_STATUSES = {OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.SETTLED}


class OrderExtra(models.Model):
    """The freelancer's offer, during an order, of more time or of a paid add-on; the client
    accepts or declines it (`orders.extras`). An accepted add-on is paid by a milestone of
    its own, added to the engagement's plan."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="extras")
    kind = models.CharField(max_length=10, choices=ExtraKind)
    description = models.CharField(max_length=EXTRA_DESCRIPTION_MAX_LENGTH)
    # Days added to the due date when accepted.
    extra_days = models.PositiveSmallIntegerField(default=0)
    # An add-on's price, in the order's currency; an extension costs nothing.
    price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=ExtraStatus, default=ExtraStatus.OFFERED)
    offered_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The accepted add-on's milestone, which the client funds as any other.
    milestone = models.OneToOneField(
        "payments.Milestone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_extra",
    )

    class Meta:
        ordering = ["-offered_at", "-id"]
        constraints = [
            # One question at a time for the client: a second offer waits for the first's
            # answer (or withdrawal), even when two are sent at the same moment.
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(status="offered"),
                name="order_extra_one_open_per_order",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="extension", price__isnull=True, extra_days__gte=1)
                    | Q(kind="add_on", price__gt=0)
                ),
                name="order_extra_priced_by_kind",
            ),
            models.CheckConstraint(
                condition=Q(status="offered", decided_at__isnull=True)
                | (~Q(status="offered") & Q(decided_at__isnull=False)),
                name="order_extra_decided_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    def get_absolute_url(self):
        return self.order.get_absolute_url()

    @property
    def has_lapsed(self) -> bool:
        return self.status == ExtraStatus.OFFERED and self.order.status in ENDED_ORDER_STATUSES

    @property
    def is_open(self) -> bool:
        """Waiting for the client's answer (which `Order.takes_extras` may still refuse)."""
        return self.status == ExtraStatus.OFFERED and not self.has_lapsed

    @property
    def shown_status(self) -> str:
        return LAPSED if self.has_lapsed else self.status


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
