"""Escrow-funded milestones: the plan both sides agree, card payments into escrow, work
submitted and released, refunds, disputes, payouts and receipts.

Money itself lives in the ledger (`ledger.posting`): the rows here say what happened and why,
and each movement is one ledger transaction written in the same database transaction as the
state change that caused it. The workflows are modules named for them: `planning`, `funding`,
`delivery`, `settlement`, `refunds`, `disputes`, `payouts`; each locks the milestone row and
checks its state under the lock, so of two concurrent changes exactly one wins.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from messaging.models import Side
from money.currencies import Currency, from_minor_units
from uploads.storage import private_storage

# A plan has at least one milestone and at most this many.
MAX_MILESTONES = 20
# Revision rounds a milestone may allow the client to ask for.
MAX_REVISIONS = 10
# The side a dispute is opened against may answer for this long; then staff decide alone.
DISPUTE_ANSWER_WINDOW = timedelta(days=4)
# Reminders before a submitted milestone is released automatically, in days before it.
REMINDER_DAYS = (7, 1)
TITLE_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 4_000
AMOUNT_DIGITS = 10
SETTLE_TOLERANCE = Decimal("0.001")


class MilestoneState(models.TextChoices):
    PROPOSED = "proposed", "Unfunded"
    FUNDED = "funded", "Funded"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    DISPUTED = "disputed", "In dispute"
    RELEASED = "released", "Released"
    REFUNDED = "refunded", "Refunded"
    SPLIT = "split", "Settled"
    DROPPED = "dropped", "Dropped"


S = MilestoneState
# Escrow holds the milestone's amount in these states (reconciliation checks it does).
HOLDING_STATES = frozenset({S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED, S.DISPUTED})
# The client may release, and either side propose a refund or open a dispute, from these.
SETTLEABLE_STATES = frozenset({S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED})
SETTLED_STATES = frozenset({S.RELEASED, S.REFUNDED, S.SPLIT})
# Finished: nothing more happens to the milestone (the engagement completes when all are).
FINAL_STATES = SETTLED_STATES | {S.DROPPED}


def auto_release_delay(milestone: "Milestone | None" = None) -> timedelta:
    """How long a submission waits for the client: the milestone's own delay when it has
    one (an order's, frozen when it was placed), else MILESTONE_AUTO_RELEASE_DAYS."""
    if milestone is not None and milestone.auto_release_days is not None:
        return timedelta(days=milestone.auto_release_days)
    return timedelta(days=settings.MILESTONE_AUTO_RELEASE_DAYS)


class MilestonePlan(models.Model):
    """How a fixed-price engagement is paid: its milestones, proposed by one side and
    accepted by the other. Milestones change only until the plan is accepted."""

    engagement = models.OneToOneField(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="milestone_plan"
    )
    proposed_by = models.CharField(max_length=10, choices=Side)
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The platform's fee as shown when the plan was proposed; the one applied to releases,
    # whatever PLATFORM_FEE_PERCENT says later.
    fee_percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_percent__gte=0) & Q(fee_percent__lte=100),
                name="plan_fee_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"Milestone plan of engagement #{self.engagement_id}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def side_to_accept(self) -> str:
        return Side.CLIENT if self.proposed_by == Side.FREELANCER else Side.FREELANCER


class MilestoneQuerySet(models.QuerySet):
    def involving(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(engagement__client=user) | Q(engagement__freelancer__user=user))

    def readable_by(self, user):
        if user.is_authenticated and user.is_staff:
            return self
        return self.involving(user)

    def of_freelancer(self, user):
        return self.filter(engagement__freelancer__user=user)

    def holding(self):
        return self.filter(state__in=HOLDING_STATES)

    def due_for_auto_release(self, now=None):
        return self.filter(state=S.SUBMITTED, auto_release_at__lte=now or timezone.now())


class Settlement(models.Model):
    """Where escrow went when it was settled: refunded to the card + released to the
    freelancer = the amount charged; the platform's fee is taken from the released part. A
    milestone and an hourly week (timesheets) settle alike."""

    settled_at = models.DateTimeField(null=True, blank=True)
    refunded_amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )
    released_amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )
    fee_amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )

    class Meta:
        abstract = True


class Milestone(Settlement):
    """One funded step of an engagement's work: an amount held in escrow from funding until
    it is released to the freelancer, refunded to the client, or split between them."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="milestones"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency)
    due_date = models.DateField(null=True, blank=True)
    deliverables = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    revisions_allowed = models.PositiveSmallIntegerField(default=1)
    revisions_used = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(
        max_length=20, choices=MilestoneState, default=S.PROPOSED, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    funded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    changes_requested_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)
    dropped_at = models.DateTimeField(null=True, blank=True)
    # A submission the client leaves unanswered is released at this moment.
    auto_release_at = models.DateTimeField(null=True, blank=True)
    # Days a submission waits before that release, when this milestone sets its own (an
    # order's: ORDER_AUTO_ACCEPT_DAYS when placed); None: MILESTONE_AUTO_RELEASE_DAYS.
    auto_release_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # Set by the app that owns the work when it starts on something of the client's (an
    # order's answers to its questions): until cleared, nothing is submitted.
    awaiting_client_brief = models.BooleanField(default=False)
    released_automatically = models.BooleanField(default=False)
    # Reminders sent before the automatic release, one per REMINDER_DAYS (each sent once).
    reminded_week_before_at = models.DateTimeField(null=True, blank=True)
    reminded_day_before_at = models.DateTimeField(null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "position", "id"]
        indexes = [
            models.Index(fields=["state", "auto_release_at"], name="milestone_auto_release"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="milestone_amount_positive"),
            models.CheckConstraint(
                condition=Q(revisions_used__lte=F("revisions_allowed")),
                name="milestone_revisions_within_allowance",
            ),
            models.UniqueConstraint(
                fields=["engagement", "position"], name="milestone_one_per_position"
            ),
            # Each state carries the moment it was reached.
            models.CheckConstraint(
                condition=Q(state=S.PROPOSED) | Q(state=S.DROPPED) | Q(funded_at__isnull=False),
                name="milestone_funded_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=S.DROPPED) | Q(dropped_at__isnull=False),
                name="milestone_dropped_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=S.SUBMITTED)
                | Q(submitted_at__isnull=False, auto_release_at__isnull=False),
                name="milestone_submitted_has_time",
            ),
            # A settled milestone says where every unit of its amount went: refunded and
            # released add up to the amount. Written as "within a thousandth" because SQLite
            # computes with binary floats (1.10 - 0.80 is not 0.30 there); amounts have two
            # decimals, so on PostgreSQL's exact numeric this is equality.
            models.CheckConstraint(
                condition=~Q(state__in=SETTLED_STATES)
                | Q(
                    settled_at__isnull=False,
                    refunded_amount__gte=0,
                    released_amount__gte=0,
                    fee_amount__gte=0,
                    refunded_amount__gt=F("amount") - F("released_amount") - SETTLE_TOLERANCE,
                    refunded_amount__lt=F("amount") - F("released_amount") + SETTLE_TOLERANCE,
                ),
                name="milestone_settled_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"

    def get_absolute_url(self):
        return f"{self.engagement.get_absolute_url()}#milestone-{self.pk}"

    @property
    def ledger_reference(self) -> str:
        return f"milestone:{self.pk}"

    @property
    def holds_money(self) -> bool:
        return self.state in HOLDING_STATES

    @property
    def is_settleable(self) -> bool:
        return self.state in SETTLEABLE_STATES

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def revisions_left(self) -> int:
        return self.revisions_allowed - self.revisions_used


class PaymentStatus(models.TextChoices):
    # Waiting for the card (no PaymentIntent yet, or one that asks for a card).
    STARTED = "started", "Waiting for the card"
    REQUIRES_ACTION = "requires_action", "Waiting for the card's authentication"
    SUCCEEDED = "succeeded", "Paid"
    FAILED = "failed", "Failed"


OPEN_PAYMENT_STATUSES = (PaymentStatus.STARTED, PaymentStatus.REQUIRES_ACTION)


class Processor(models.TextChoices):
    STRIPE = "stripe", "Stripe"
    # Rows of the demo data: they were never at Stripe, and reconciliation knows it.
    DEMO = "demo", "Demo (never at Stripe)"


class Payment(models.Model):
    """One attempt to fund a milestone by card: a Stripe PaymentIntent for the milestone's
    amount. A milestone has at most one open attempt (reused by every page load and retry)
    and at most one that succeeded; a failed attempt stays, and the next one is new."""

    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, related_name="payments"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    processor = models.CharField(max_length=10, choices=Processor, default=Processor.STRIPE)
    # Set once Stripe has created the intent (the row comes first: its id names the
    # idempotency key of the creation, so a retried creation is the same call).
    payment_intent_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    # The Stripe customer the card is saved to for this attempt (a card set up on a
    # customer may then be charged by the server).
    customer_id = models.CharField(max_length=100, blank=True)
    # What Stripe is asked for: the amount in the currency's minor units (cents).
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3, choices=Currency)
    status = models.CharField(
        max_length=20, choices=PaymentStatus, default=PaymentStatus.STARTED, db_index=True
    )
    last_error = models.CharField(max_length=300, blank=True)
    # What a charge without a milestone pays for, in the ledger's words ("week:12"): an app
    # above this one (timesheets) records those charges itself, so funding leaves them be.
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(status__in=OPEN_PAYMENT_STATUSES),
                name="payment_one_open_attempt_per_milestone",
            ),
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(status=PaymentStatus.SUCCEEDED),
                name="payment_one_success_per_milestone",
            ),
        ]

    def __str__(self):
        return f"Payment {self.payment_intent_id or self.pk} ({self.get_status_display()})"

    @property
    def amount(self) -> Decimal:
        return from_minor_units(self.amount_minor, self.currency)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PAYMENT_STATUSES


class Submission(models.Model):
    """The freelancer's delivery of a milestone's work: a message and files."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="submissions")
    message = models.TextField(max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Submission #{self.pk} of milestone #{self.milestone_id}"


class SubmissionFile(models.Model):
    """A delivered file, checked by decoding it (payments.files) and kept in the private
    storage: only the two sides and staff download it, through the download view."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="deliveries/", storage=private_storage, max_length=200)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("payments:submission_file", kwargs={"pk": self.pk})


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Replaced by a newer proposal"


class RefundProposal(models.Model):
    """One side proposes to give `amount` of a funded milestone back to the client (the rest
    goes to the freelancer); when the other side accepts, that is what happens."""

    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="refund_proposals"
    )
    proposed_by = models.CharField(max_length=10, choices=Side)
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    reason = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=10, choices=ProposalStatus, default=ProposalStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_proposal_positive"),
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(status=ProposalStatus.OPEN),
                name="refund_proposal_one_open_per_milestone",
            ),
        ]

    def __str__(self):
        return f"Refund proposal of {self.amount} on milestone #{self.milestone_id}"


class RefundCause(models.TextChoices):
    AGREEMENT = "agreement", "Agreed by both sides"
    DISPUTE = "dispute", "Decided in a dispute"
    LATE_ORDER = "late_order", "A late order cancelled by the client"


class Refund(models.Model):
    """Money given back to the client's card through Stripe, as recorded in the ledger."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, related_name="refunds"
    )
    stripe_refund_id = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency)
    cause = models.CharField(max_length=10, choices=RefundCause)
    transaction = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="refund"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
        ]

    def __str__(self):
        return f"Refund {self.stripe_refund_id}"


class DisputeQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)


class Dispute(models.Model):
    """Either side's objection to how a funded milestone is going. While it is open nothing
    can be released or refunded; staff settle it by splitting the amount."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="disputes")
    opened_by = models.CharField(max_length=10, choices=Side)
    reason = models.TextField(max_length=TEXT_MAX_LENGTH)
    opened_at = models.DateTimeField(default=timezone.now)
    answer_due_at = models.DateTimeField()
    answer = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refund_amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )
    release_amount = models.DecimalField(
        max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )
    resolution_note = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(resolved_at__isnull=True),
                name="dispute_one_open_per_milestone",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True)
                | Q(refund_amount__gte=0, release_amount__gte=0),
                name="dispute_resolution_adds_up",
            ),
        ]

    def __str__(self):
        return f"Dispute #{self.pk} on milestone #{self.milestone_id}"

    def get_absolute_url(self):
        return reverse("payments:dispute_resolve", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def answering_side(self) -> str:
        return Side.CLIENT if self.opened_by == Side.FREELANCER else Side.FREELANCER

    def answer_window_open(self, now=None) -> bool:
        return (
            self.is_open and not self.answered_at and (now or timezone.now()) < self.answer_due_at
        )

    def is_ready_for_decision(self, now=None) -> bool:
        """Staff decide once the other side has answered or its time to answer is over."""
        return self.is_open and (
            self.answered_at is not None or (now or timezone.now()) >= self.answer_due_at
        )


class PayoutDetails(models.Model):
    """Where a freelancer's payouts go: written by the freelancer, read by staff who pay."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payout_details"
    )
    account_holder = models.CharField(max_length=120)
    # IBAN and BIC, or account and routing numbers: whatever the staff's bank needs.
    bank_details = models.TextField(max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "payout details"

    def __str__(self):
        return f"Payout details of {self.account_holder}"


class PayoutStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"


class PayoutQuerySet(models.QuerySet):
    def requested(self):
        return self.filter(status=PayoutStatus.REQUESTED)


class Payout(models.Model):
    """A freelancer's request to be paid part of their available balance. Staff pay it from
    the platform's bank (the CSV export) and mark it paid, or failed (the money returns to
    the balance)."""

    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="payouts"
    )
    currency = models.CharField(max_length=3, choices=Currency)
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=PayoutStatus, default=PayoutStatus.REQUESTED, db_index=True
    )
    # The bank details when the payout was asked for: later edits do not redirect it.
    account_holder = models.CharField(max_length=120)
    bank_details = models.TextField(max_length=500)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The bank's reference for a paid payout; the reason for a failed one.
    reference = models.CharField(max_length=200, blank=True)

    objects = PayoutQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
            models.CheckConstraint(
                condition=Q(status=PayoutStatus.REQUESTED) | Q(decided_at__isnull=False),
                name="payout_decided_has_time",
            ),
        ]

    def __str__(self):
        return f"Payout #{self.pk} of {self.amount} {self.currency} ({self.get_status_display()})"

    @property
    def ledger_reference(self) -> str:
        return f"payout:{self.pk}"


class ReceiptKind(models.TextChoices):
    FUNDING = "funding", "Payment into escrow"
    RELEASE = "release", "Release to the freelancer"
    REFUND = "refund", "Refund to the card"
    PAYOUT = "payout", "Payout"


class ReceiptCounter(models.Model):
    """The last receipt number given out: one row, locked by every movement that issues a
    receipt, in the movement's own transaction, so numbers have no gaps and no repeats."""

    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Receipts issued: {self.last_number}"


class ReceiptQuerySet(models.QuerySet):
    def readable_by(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(Q(client=user) | Q(freelancer=user))


class Receipt(models.Model):
    """The record of one movement of money for the people it concerns, with a page and a
    PDF. What it says is written when it is issued (names, amounts), so it never changes."""

    number = models.PositiveIntegerField(unique=True)
    kind = models.CharField(max_length=10, choices=ReceiptKind)
    transaction = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="receipt"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="receipts"
    )
    payout = models.ForeignKey(
        Payout, on_delete=models.SET_NULL, null=True, blank=True, related_name="receipts"
    )
    # Who may read it (the payer and the payee; a payout's only the freelancer).
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    currency = models.CharField(max_length=3, choices=Currency)
    amount = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2)
    fee = models.DecimalField(max_digits=AMOUNT_DIGITS, decimal_places=2, default=Decimal(0))
    description = models.CharField(max_length=300)
    client_name = models.CharField(max_length=200, blank=True)
    freelancer_name = models.CharField(max_length=200, blank=True)

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Receipt {self.display_number}"

    def get_absolute_url(self):
        return reverse("payments:receipt", kwargs={"number": self.number})

    @property
    def display_number(self) -> str:
        return f"R-{self.number:06d}"

    @property
    def net(self) -> Decimal:
        return self.amount - self.fee


class StripeEvent(models.Model):
    """A Stripe webhook event already handled: its row is written in the same transaction as
    its effect, so an event delivered twice (or replayed) changes nothing the second time."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
