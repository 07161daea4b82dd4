"""Jobs a client posts, the proposals freelancers send, and the client's invitations.

State changes go through the workflows named for them: `jobs.posting` (post, edit, publish,
close), `jobs.proposing` (submit, edit, withdraw) and `jobs.hiring` (shortlist, decline, hire).
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from engagements.models import QuoteBasis
from messaging.models import Side, Thread, ThreadMessage, ThreadQuerySet
from money.currencies import Currency
from uploads.storage import private_storage


class JobStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    FILLED = "filled", "Filled"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: any freelancer can find it"
    INVITE_ONLY = "invite_only", "Invite-only: only freelancers I invite"


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    HIRED = "hired", "Hired"


# Proposals the client has not decided on yet: the freelancer may still edit or withdraw them.
UNDECIDED = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)


# Every column a job card shows, the primary key first, in the card's order (jobs/cards.py
# keys a cached card by their values, "published_at" as "Posted 3 hours ago", and draws cards
# from rows of them); its skills' names come after them.
JOB_CARD_COLUMNS = (
    "pk",
    "title",
    "category__name",
    "published_at",
    "budget_basis",
    "budget_amount",
    "hourly_min",
    "hourly_max",
    "estimated_hours",
    "currency",
)
# The fields a job card loads as an object: its columns, and what its link and the favourite
# button read. A field read that is not here costs a query per card, which the job list's
# query-count tests catch.
JOB_CARD_FIELDS = (
    *(column for column in JOB_CARD_COLUMNS if column != "pk"),
    "status",
    "visibility",
    "category__slug",
)


class JobPostQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=JobStatus.OPEN)

    def listed(self):
        """Open public jobs: what the job search, the sitemap and search engines see."""
        return self.open().filter(visibility=Visibility.PUBLIC)

    def findable_by(self, user):
        """Open jobs this user may find: public ones, and invite-only ones they were invited to."""
        if not user.is_authenticated:
            return self.listed()
        return (
            self.open()
            .filter(Q(visibility=Visibility.PUBLIC) | Q(invitations__freelancer__user=user))
            .distinct()
        )

    def visible_to(self, user):
        """What a user may open: findable jobs, their own in any state, jobs they proposed on
        (a closed job still shows its outcome), and every job for staff (moderation)."""
        if user.is_authenticated and user.is_staff:
            return self
        if not user.is_authenticated:
            return self.listed()
        proposed = Q(proposals__freelancer__user=user)
        invited = Q(status=JobStatus.OPEN, invitations__freelancer__user=user)
        public = Q(status=JobStatus.OPEN, visibility=Visibility.PUBLIC)
        return self.filter(public | invited | proposed | Q(client=user)).distinct()

    def owned_by(self, user):
        return self.filter(client=user) if user.is_authenticated else self.none()

    def matching_skills_of(self, profile):
        """Open jobs the freelancer can find that ask for at least one of their skills."""
        return (
            self.findable_by(profile.user)
            .filter(skills__in=profile.skills.all())
            .exclude(client=profile.user)
            .distinct()
        )

    def with_proposal_counts(self):
        """Annotate `proposal_count` (all) and `undecided_count` (waiting for the client)."""
        return self.annotate(
            proposal_count=models.Count("proposals", distinct=True),
            undecided_count=models.Count(
                "proposals", filter=Q(proposals__status__in=UNDECIDED), distinct=True
            ),
        )

    def for_cards(self):
        """What a job card shows (jobs/cards.py, job_card.html), and nothing more: not the
        client, the description or the search vector. Skills are prefetched."""
        return self.select_related("category").only(*JOB_CARD_FIELDS).prefetch_related("skills")


class JobPost(models.Model):
    """Work a client describes once, for freelancers to find and propose on.

    The budget is either a fixed amount, or an hourly range with an estimated number of hours;
    the database refuses any other mix.
    """

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_posts"
    )
    title = models.CharField(max_length=120)
    brief = models.TextField(max_length=10_000)
    category = models.ForeignKey(
        "services.Category", on_delete=models.PROTECT, related_name="job_posts"
    )
    skills = models.ManyToManyField("profiles.Skill", blank=True, related_name="job_posts")
    budget_basis = models.CharField(max_length=10, choices=QuoteBasis, default=QuoteBasis.FIXED)
    budget_amount = models.DecimalField(
        "fixed budget", max_digits=10, decimal_places=2, null=True, blank=True
    )
    hourly_min = models.DecimalField(
        "lowest hourly rate", max_digits=8, decimal_places=2, null=True, blank=True
    )
    hourly_max = models.DecimalField(
        "highest hourly rate", max_digits=8, decimal_places=2, null=True, blank=True
    )
    estimated_hours = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency, default=Currency.USD)
    deadline = models.DateField(null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField("duration in weeks", null=True, blank=True)
    visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.PUBLIC)
    allows_several_hires = models.BooleanField("I may hire more than one freelancer", default=False)
    status = models.CharField(
        max_length=10, choices=JobStatus, default=JobStatus.DRAFT, db_index=True
    )
    # Kept current by jobs.search (title, skills, category names, brief); PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    filled_at = models.DateTimeField(null=True, blank=True)
    # When the client last opened the job's proposals: later ones are new to them.
    proposals_seen_at = models.DateTimeField(null=True, blank=True)

    objects = JobPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="job_status_newest"),
            models.Index(fields=["client", "-created_at"], name="job_client_recent"),
            # The sitemap's rows (JobPostQuerySet.listed), read from the index alone.
            models.Index(
                fields=["id"],
                include=["updated_at"],
                condition=Q(status=JobStatus.OPEN, visibility=Visibility.PUBLIC),
                name="job_listed_sitemap",
            ),
        ]
        constraints = [
            # A fixed budget has an amount and no hourly terms; an hourly one the reverse.
            models.CheckConstraint(
                condition=(
                    Q(
                        budget_basis=QuoteBasis.FIXED,
                        budget_amount__isnull=False,
                        hourly_min__isnull=True,
                        hourly_max__isnull=True,
                        estimated_hours__isnull=True,
                    )
                    | Q(
                        budget_basis=QuoteBasis.HOURLY,
                        budget_amount__isnull=True,
                        hourly_min__isnull=False,
                        hourly_max__isnull=False,
                        estimated_hours__isnull=False,
                    )
                ),
                name="job_budget_fixed_or_hourly",
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__gte=0) | Q(budget_amount__isnull=True),
                name="job_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(hourly_min__gte=0) | Q(hourly_min__isnull=True),
                name="job_hourly_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(hourly_max__gte=models.F("hourly_min")) | Q(hourly_max__isnull=True),
                name="job_hourly_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(estimated_hours__gt=0) | Q(estimated_hours__isnull=True),
                name="job_estimated_hours_positive",
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(duration_weeks__isnull=True),
                name="job_deadline_or_duration",
            ),
            # Each state carries the moment it was reached, as engagements do.
            models.CheckConstraint(
                condition=Q(status=JobStatus.DRAFT) | Q(published_at__isnull=False),
                name="job_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.CLOSED) | Q(closed_at__isnull=False),
                name="job_closed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.FILLED) | Q(filled_at__isnull=False),
                name="job_filled_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.OPEN

    @property
    def is_listed(self) -> bool:
        return self.is_open and self.visibility == Visibility.PUBLIC

    def is_owned_by(self, user) -> bool:
        return user.is_authenticated and self.client_id == user.pk

    def is_visible_to(self, user) -> bool:
        """One job's answer to `JobPost.objects.visible_to(user)` (at most one query)."""
        if self.is_listed or self.is_owned_by(user):
            return True
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        return JobPost.objects.visible_to(user).filter(pk=self.pk).exists()

    def published_since(self, now: datetime | None = None) -> timedelta | None:
        return (now or timezone.now()) - self.published_at if self.published_at else None

    @property
    def budget_ceiling(self) -> Decimal:
        """The most the client expects to spend: the fixed amount, or top rate times hours."""
        if self.budget_basis == QuoteBasis.FIXED:
            return self.budget_amount
        return self.hourly_max * self.estimated_hours

    def client_name(self) -> str:
        return self.client.shown_name


class ProposalQuerySet(ThreadQuerySet):
    # A proposal's thread is between the job's client and the proposing freelancer.
    client_lookup = "job__client"
    freelancer_lookup = "freelancer__user"

    def undecided(self):
        return self.filter(status__in=UNDECIDED)

    def readable_by(self, user):
        """The job's owner reads every proposal on their jobs, a freelancer their own; staff
        all of them (read-only)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(Q(job__client=user) | Q(freelancer__user=user))

    def for_their_freelancer(self, user):
        """The user's own proposals, newest first, with `unread_count` and `decision_is_new`
        (decided since they last opened it), in one query."""
        unseen_decision = Q(decided_at__isnull=False) & (
            Q(decision_seen_at__isnull=True) | Q(decided_at__gt=models.F("decision_seen_at"))
        )
        return (
            self.filter(freelancer__user=user)
            .select_related("job__client", "freelancer")
            .with_unread_count(user)
            .annotate(
                decision_is_new=models.ExpressionWrapper(
                    unseen_decision, output_field=models.BooleanField()
                )
            )
            .order_by("-submitted_at", "-id")
        )

    def for_comparison(self):
        """What the side-by-side view shows: the freelancer's reputation, the service it goes
        under and the linked samples."""
        return self.select_related("freelancer", "service", "engagement").prefetch_related(
            "samples"
        )


class Proposal(Thread):
    """A freelancer's offer on a job: one per freelancer per job.

    The work goes under one of the freelancer's published services, so that once hired the
    engagement, its review and the reputation it builds are the same as for any quote. The
    job's client and the freelancer talk about it in a private thread, as in an engagement.
    """

    job = models.ForeignKey(JobPost, on_delete=models.CASCADE, related_name="proposals")
    freelancer = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="proposals"
    )
    # RESTRICT: a service with proposals is not deleted on its own (services.deletion says
    # why), yet deleting the freelancer's profile takes both the services and the proposals.
    service = models.ForeignKey(
        "services.Service", on_delete=models.RESTRICT, related_name="proposals"
    )
    cover_letter = models.TextField(max_length=5_000)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    basis = models.CharField(max_length=10, choices=QuoteBasis, default=QuoteBasis.FIXED)
    duration_days = models.PositiveSmallIntegerField("estimated duration in days")
    samples = models.ManyToManyField("profiles.WritingSample", blank=True, related_name="proposals")
    status = models.CharField(
        max_length=12, choices=ProposalStatus, default=ProposalStatus.SUBMITTED, db_index=True
    )
    decline_reason = models.TextField(max_length=1_000, blank=True)
    engagement = models.OneToOneField(
        "engagements.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # When the freelancer last opened the proposal: a decision after it is news to them.
    decision_seen_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["job", "status"], name="proposal_job_status"),
        ]
        constraints = [
            # The form says "you already proposed"; this makes two quick submits one row.
            models.UniqueConstraint(
                fields=["job", "freelancer"], name="proposal_one_per_freelancer_per_job"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="proposal_price_not_negative"),
            models.CheckConstraint(
                condition=Q(duration_days__gt=0), name="proposal_duration_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ProposalStatus.DECLINED, ProposalStatus.HIRED])
                | Q(decided_at__isnull=False),
                name="proposal_decision_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.WITHDRAWN) | Q(withdrawn_at__isnull=False),
                name="proposal_withdrawn_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.HIRED) | Q(engagement__isnull=False),
                name="proposal_hired_has_engagement",
            ),
        ]

    def __str__(self):
        return f"Proposal #{self.pk} on job #{self.job_id}"

    def get_absolute_url(self):
        return reverse("jobs:proposal", kwargs={"pk": self.pk})

    @property
    def is_undecided(self) -> bool:
        return self.status in UNDECIDED

    def is_readable_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return user.is_staff or self.job.client_id == user.pk or self.freelancer.user_id == user.pk

    # The private thread (messaging.threads).

    @property
    def client_user_id(self) -> int:
        return self.job.client_id

    @property
    def freelancer_user_id(self) -> int:
        return self.freelancer.user_id

    def user_on(self, side: Side):
        return self.job.client if side == Side.CLIENT else self.freelancer.user

    def name_of(self, side: Side) -> str:
        return self.job.client_name() if side == Side.CLIENT else self.freelancer.display_name

    def thread_topic(self) -> str:
        return f"your proposal for {self.job.title}"

    def thread_closed_reason(self) -> str | None:
        """Open while the client may still decide: closing the job freezes it as it freezes
        the proposal, and once hired the talk goes on in the engagement."""
        if not self.job.is_open:
            return f"This job is {self.job.get_status_display().lower()}: its threads are frozen."
        if self.status == ProposalStatus.HIRED:
            return "This proposal was hired: the conversation goes on in the engagement."
        if not self.is_undecided:
            return f"This proposal is {self.get_status_display().lower()}; its thread is closed."
        return None


class ProposalMessage(ThreadMessage):
    """One message in a proposal's private thread (the job's client, the freelancer; staff
    may read)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_messages"
    )

    class Meta(ThreadMessage.Meta):
        indexes = [
            models.Index(fields=["proposal", "created_at"], name="proposal_message_order"),
        ]

    def __str__(self):
        return f"Message #{self.pk} on proposal #{self.proposal_id}"


class InvitationQuerySet(models.QuerySet):
    def for_their_freelancer(self, user):
        """The invitations the user received, newest first, with the job and its client, and
        `own_proposal_id` (their proposal on the job, if any) and `job_is_visible` (whether
        they may still open the job: `JobPost.objects.visible_to`), in one query."""
        own_proposal = Proposal.objects.filter(
            job=models.OuterRef("job"), freelancer=models.OuterRef("freelancer")
        )
        visible = JobPost.objects.visible_to(user).filter(pk=models.OuterRef("job"))
        return (
            self.filter(freelancer__user=user)
            .select_related("job", "job__client")
            .annotate(
                own_proposal_id=models.Subquery(own_proposal.values("pk")[:1]),
                job_is_visible=models.Exists(visible),
            )
            .order_by("-created_at", "-id")
        )


class Invitation(models.Model):
    """A client asking a freelancer to propose on one of their open jobs.

    An invitation is what lets a freelancer see an invite-only job.
    """

    job = models.ForeignKey(JobPost, on_delete=models.CASCADE, related_name="invitations")
    freelancer = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="job_invitations"
    )
    message = models.TextField(max_length=2_000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the freelancer first opened the job after it: until then the invitation is new.
    seen_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "freelancer"], name="invitation_one_per_freelancer_per_job"
            ),
        ]

    def __str__(self):
        return f"Invitation of {self.freelancer} to job #{self.job_id}"


class JobAttachment(models.Model):
    """A file the client adds to a job's brief: a PDF or an image, checked by decoding it
    (jobs.attachments).

    Kept in the private storage, as resumes are: a draft or an invite-only job must not leak
    through a public file URL, so the only way in is the download view, which asks the job's
    own visibility rule.
    """

    job = models.ForeignKey(JobPost, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="job-attachments/", storage=private_storage, max_length=200)
    # The name the client's file had (made safe), for the link and the download.
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jobs:attachment", kwargs={"pk": self.job_id, "attachment_pk": self.pk})
