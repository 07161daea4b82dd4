"""Hourly contracts: the terms both sides agreed (rate, currency, weekly limit), the client's
saved card, the freelancer's weekly timesheets and what became of each week's charge.

A week runs Monday to Sunday in the contract's time zone (the freelancer's). When it closes,
`charging.charge_week` charges its hours × rate to the saved card off-session into escrow
(`payments.Payment` and `payments.movements`, as a milestone's funding); the client then
has `REVIEW_WINDOW` to dispute it before `review.release_reviewed` pays the freelancer.
Every workflow locks the contract row, then the week row, and checks the state under the
lock, so of two concurrent changes to one week exactly one wins.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from messaging.models import Side
from money.currencies import Currency
from money.formatting import format_money
from payments.models import AMOUNT_DIGITS, Settlement

# The client may dispute a charged week for this long; then it is released.
REVIEW_WINDOW = timedelta(days=5)
# Hours are logged in steps of this (a quarter of an hour).
HOURS_STEP = Decimal("0.25")
# A weekly limit is at most every hour of a week; an entry at most a day.
MAX_WEEKLY_LIMIT = Decimal(168)
MAX_ENTRY_HOURS = Decimal(24)
DESCRIPTION_MAX_LENGTH = 500
REASON_MAX_LENGTH = 4_000


class ContractState(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class ContractQuerySet(models.QuerySet):
    def involving(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(engagement__client=user) | Q(engagement__freelancer__user=user))

    def readable_by(self, user):
        if user.is_authenticated and user.is_staff:
            return self
        return self.involving(user)


class Contract(models.Model):
    """The hourly side of an engagement with an hourly basis: created by the first terms
    proposed, started when the other side accepts them."""

    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="hourly_contract"
    )
    # IANA name of the freelancer's zone: where a week starts and ends.
    time_zone = models.CharField(max_length=64)
    currency = models.CharField(max_length=3, choices=Currency)
    state = models.CharField(max_length=10, choices=ContractState, default=ContractState.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The client's card, saved at Stripe through a SetupIntent (never its number here).
    customer_id = models.CharField(max_length=100, blank=True)
    payment_method_id = models.CharField(max_length=100, blank=True)
    card_saved_at = models.DateTimeField(null=True, blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ContractState.ENDED) | Q(ended_at__isnull=False),
                name="hourly_contract_ended_has_time",
            ),
        ]

    def __str__(self):
        return f"Hourly contract of engagement #{self.engagement_id}"

    def get_absolute_url(self):
        return reverse("timesheets:contract", kwargs={"pk": self.engagement_id})

    @property
    def has_card(self) -> bool:
        return bool(self.payment_method_id)

    @property
    def is_started(self) -> bool:
        return self.started_at is not None

    def terms_for(self, week_start: date) -> "Terms | None":
        """The terms in force in the week starting `week_start`: the last accepted ones that
        took effect by then."""
        return (
            self.terms.filter(status=TermsStatus.ACCEPTED, effective_from__lte=week_start)
            .order_by("-effective_from", "-decided_at", "-id")
            .first()
        )


class TermsStatus(models.TextChoices):
    OPEN = "open", "Waiting for the other side"
    ACCEPTED = "accepted", "Agreed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Replaced by a newer proposal"


class Terms(models.Model):
    """One side's proposal of the hourly rate and weekly limit; agreed when the other side
    accepts it. The first agreed terms apply from the week they are agreed in, later ones
    from the next week (`effective_from`, a Monday)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="terms")
    proposed_by = models.CharField(max_length=10, choices=Side)
    hourly_rate = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    weekly_limit = models.DecimalField(max_digits=5, decimal_places=2)
    status = models.CharField(max_length=10, choices=TermsStatus, default=TermsStatus.OPEN)
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    effective_from = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name_plural = "terms"
        constraints = [
            models.CheckConstraint(condition=Q(hourly_rate__gt=0), name="terms_rate_positive"),
            models.CheckConstraint(
                condition=Q(weekly_limit__gt=0) & Q(weekly_limit__lte=MAX_WEEKLY_LIMIT),
                name="terms_limit_within_a_week",
            ),
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(status=TermsStatus.OPEN),
                name="terms_one_open_per_contract",
            ),
            models.CheckConstraint(
                condition=~Q(status=TermsStatus.ACCEPTED) | Q(effective_from__isnull=False),
                name="terms_accepted_has_start",
            ),
        ]

    def __str__(self):
        return f"{self.hourly_rate}/h up to {self.weekly_limit} h a week"

    def side_to_accept(self) -> str:
        return Side.CLIENT if self.proposed_by == Side.FREELANCER else Side.FREELANCER


class WeekState(models.TextChoices):
    OPEN = "open", "Open"
    CHARGE_FAILED = "charge_failed", "Payment failed"
    IN_REVIEW = "in_review", "In review"
    DISPUTED = "disputed", "In dispute"
    RELEASED = "released", "Paid"
    REFUNDED = "refunded", "Refunded"
    SPLIT = "split", "Settled"
    NOTHING = "nothing", "No hours"


W = WeekState
# Escrow holds the week's amount in these states (reconciliation checks it does).
HOLDING_STATES = frozenset({W.IN_REVIEW, W.DISPUTED})
# Waiting for the weekly charge (the first attempt, or a retry after a failure).
CHARGEABLE_STATES = frozenset({W.OPEN, W.CHARGE_FAILED})
# A tuple, not a set: the constraints below list it, and migrations need a stable order.
SETTLED_STATES = (W.RELEASED, W.REFUNDED, W.SPLIT)


class WeekQuerySet(models.QuerySet):
    def readable_by(self, user):
        if user.is_authenticated and user.is_staff:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(contract__engagement__client=user) | Q(contract__engagement__freelancer__user=user)
        )

    def closed_and_unpaid(self, now=None):
        return self.filter(state__in=CHARGEABLE_STATES, closes_at__lte=now or timezone.now())

    def due_for_release(self, now=None):
        return self.filter(state=W.IN_REVIEW, review_ends_at__lte=now or timezone.now())


class Week(Settlement):
    """One contract's week of logged time and what became of its money. The rate and limit
    are those in force when the week began; the amount is fixed when it is charged."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="weeks")
    # The Monday it starts, in the contract's time zone, and the moment it ends (UTC).
    starts_on = models.DateField()
    closes_at = models.DateTimeField(db_index=True)
    hourly_rate = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    weekly_limit = models.DecimalField(max_digits=5, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency)
    state = models.CharField(max_length=20, choices=WeekState, default=W.OPEN, db_index=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(0))
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True)
    # The successful charge (attempts are `payments.Payment` rows with this week's reference).
    payment = models.OneToOneField(
        "payments.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fee_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    charged_at = models.DateTimeField(null=True, blank=True)
    charge_failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    review_ends_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)

    objects = WeekQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "starts_on"], name="week_one_per_monday"),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=F("weekly_limit")),
                name="week_hours_within_limit",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[W.IN_REVIEW, W.DISPUTED, *SETTLED_STATES])
                | Q(charged_at__isnull=False, amount__gt=0, payment__isnull=False),
                name="week_charged_has_payment",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=SETTLED_STATES)
                | Q(settled_at__isnull=False, released_amount__gte=0, refunded_amount__gte=0),
                name="week_settled_has_amounts",
            ),
        ]

    def __str__(self):
        return f"Week of {self.starts_on:%d %B %Y} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("timesheets:week", kwargs={"pk": self.pk})

    @property
    def ledger_reference(self) -> str:
        return f"week:{self.pk}"

    @property
    def engagement(self):
        return self.contract.engagement

    @property
    def escrow_holder(self):
        """Whom the week's escrow is held for: their earnings count it as pending."""
        return self.contract.engagement.freelancer.user_id

    @property
    def title(self) -> str:
        return f"Week of {self.starts_on:%d %B %Y}"

    @property
    def receipt_description(self) -> str:
        rate = format_money(self.hourly_rate, self.currency)
        return (
            f"Hourly work, week of {self.starts_on:%d %B %Y}: {self.hours.normalize():f} h at "
            f"{rate} an hour, “{self.engagement.service.title}”"
        )

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)

    @property
    def holds_money(self) -> bool:
        return self.state in HOLDING_STATES

    def is_open_for_time(self, now=None) -> bool:
        return self.state == W.OPEN and (now or timezone.now()) < self.closes_at

    @property
    def hours_left(self) -> Decimal:
        return self.weekly_limit - self.hours


class TimeEntry(models.Model):
    """Time the freelancer worked on one day of a week."""

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    description = models.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = "time entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_ENTRY_HOURS),
                name="time_entry_hours_within_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.hours} h on {self.date}"


class WeekDispute(models.Model):
    """The client's objection to a charged week (all of it, or some entries), with a reason.
    Staff decide how much goes back to the card; the rest is released."""

    week = models.ForeignKey(Week, on_delete=models.CASCADE, related_name="disputes")
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    # The entries disputed; none means the whole week.
    entries = models.ManyToManyField(TimeEntry, blank=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refund_amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )
    resolution_note = models.TextField(max_length=REASON_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["week"],
                condition=Q(resolved_at__isnull=True),
                name="week_dispute_one_open",
            ),
        ]

    def __str__(self):
        return f"Dispute #{self.pk} on week #{self.week_id}"

    def get_absolute_url(self):
        return reverse("timesheets:dispute_resolve", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
