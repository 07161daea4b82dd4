from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from engagements.models import QuoteBasis
from jobs import attachments
from jobs.forms import (
    MAX_DURATION_DAYS,
    MAX_DURATION_WEEKS,
    MAX_ESTIMATED_HOURS,
    MIN_TEXT_LENGTH,
    AttachmentForm,
    DeclineForm,
    JobPostForm,
    ProposalForm,
    services_to_propose_with,
)
from jobs.models import JobAttachment, JobPost, JobStatus, Proposal, Visibility
from marketplace.api.fields import PageURLField, SlugLookupField
from marketplace.api.form_serializers import FormSerializer
from marketplace.validators import one_line
from money.api.fields import AmountField, MoneyDisplayField
from money.currencies import Currency
from money.limits import MAX_HOURLY_RATE, MAX_PRICE, MIN_PRICE
from profiles.api.serializers import ProfileRefSerializer, ServiceRefSerializer, SkillNamesField
from profiles.models import Profile
from services.models import Category


class JobSerializer(serializers.ModelSerializer):
    """A job as freelancers see it; `proposals_url` is for its client (and staff)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:job-detail")
    page_url = PageURLField()
    proposals_url = serializers.HyperlinkedIdentityField(view_name="api:job-proposals")
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    skills = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    client_name = serializers.CharField(read_only=True)
    budget_amount_display = MoneyDisplayField("budget_amount")
    is_yours = serializers.SerializerMethodField(help_text="Whether you posted this job.")

    class Meta:
        model = JobPost
        fields = [
            "id",
            "url",
            "page_url",
            "proposals_url",
            "title",
            "brief",
            "category",
            "category_name",
            "skills",
            "client_name",
            "is_yours",
            "budget_basis",
            "budget_amount",
            "budget_amount_display",
            "hourly_min",
            "hourly_max",
            "estimated_hours",
            "currency",
            "deadline",
            "duration_weeks",
            "visibility",
            "allows_several_hires",
            "status",
            "created_at",
            "published_at",
            "closed_at",
            "filled_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_is_yours(self, job: JobPost) -> bool:
        return job.is_owned_by(self.context["request"].user)


class JobWriteSerializer(FormSerializer):
    """A job's details, with the "Post a job" form's rules."""

    form_class = JobPostForm
    form_field_names = {"skills": "skill_names"}
    # The form's rule for a new job, stated in the schema: each basis needs its own fields.
    required_by_choice = (
        "budget_basis",
        {
            QuoteBasis.FIXED: ["budget_amount"],
            QuoteBasis.HOURLY: ["hourly_min", "hourly_max", "estimated_hours"],
        },
    )

    title = serializers.CharField(
        max_length=120, validators=[one_line], help_text="Plain text, no HTML tags."
    )
    category = SlugLookupField(
        slug_field="slug",
        queryset=Category.objects.leaves(),
        help_text="The slug of a subcategory, e.g. `articles-news`.",
    )
    brief = serializers.CharField(
        min_length=MIN_TEXT_LENGTH,
        max_length=10_000,
        trim_whitespace=False,
        help_text=f"The work, at least {MIN_TEXT_LENGTH} characters.",
    )
    budget_basis = serializers.ChoiceField(
        choices=QuoteBasis.choices,
        help_text="`fixed`: give `budget_amount`. `hourly`: give `hourly_min`, `hourly_max` "
        "and `estimated_hours`. The other basis's fields are ignored.",
    )
    budget_amount = AmountField(
        minimum=MIN_PRICE, maximum=MAX_PRICE, help_text=f"{MIN_PRICE} to {MAX_PRICE:,}."
    )
    hourly_min = AmountField(
        minimum=MIN_PRICE, maximum=MAX_HOURLY_RATE, help_text="The lowest rate you would pay."
    )
    hourly_max = AmountField(
        minimum=MIN_PRICE,
        maximum=MAX_HOURLY_RATE,
        help_text="The highest rate you would pay; not below `hourly_min`.",
    )
    estimated_hours = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ESTIMATED_HOURS
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    deadline = serializers.DateField(
        required=False, allow_null=True, help_text="Not in the past; not with a duration."
    )
    duration_weeks = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_DURATION_WEEKS
    )
    visibility = serializers.ChoiceField(
        choices=Visibility.choices,
        required=False,
        help_text="`invite_only` jobs are seen only by the freelancers you invite.",
    )
    allows_several_hires = serializers.BooleanField(
        required=False, help_text="Otherwise the first hire fills the job."
    )
    skills = SkillNamesField()

    def to_form_value(self, name: str, value):
        if name == "skills":
            return ", ".join(value)
        if isinstance(value, bool):
            return "on" if value else ""
        return super().to_form_value(name, value)


class JobCreateSerializer(JobWriteSerializer):
    passthrough_fields = ("publish",)

    publish = serializers.BooleanField(
        default=True, help_text="Open the job at once (default), or keep it as a draft."
    )


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal as its freelancer, the job's client and staff see it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:proposal-detail")
    page_url = PageURLField()
    job = serializers.HyperlinkedRelatedField(view_name="api:job-detail", read_only=True)
    freelancer = ProfileRefSerializer(read_only=True)
    service = ServiceRefSerializer(read_only=True)
    samples = serializers.SerializerMethodField(help_text="The linked writing samples' pages.")
    rating_average = serializers.DecimalField(
        source="freelancer.rating_average",
        max_digits=3,
        decimal_places=2,
        read_only=True,
        allow_null=True,
    )
    review_count = serializers.IntegerField(source="freelancer.review_count", read_only=True)
    completed_engagements = serializers.IntegerField(
        source="freelancer.completed_engagement_count", read_only=True
    )
    engagement = serializers.HyperlinkedRelatedField(
        view_name="api:engagement-detail", read_only=True, allow_null=True
    )
    messages_url = serializers.HyperlinkedIdentityField(
        view_name="api:proposal-messages",
        help_text="The private thread between the job's client and the freelancer.",
    )
    unread_count = serializers.IntegerField(
        read_only=True, help_text="Messages from the other side you have not read yet."
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "url",
            "page_url",
            "messages_url",
            "unread_count",
            "job",
            "freelancer",
            "service",
            "cover_letter",
            "price",
            "basis",
            "duration_days",
            "samples",
            "rating_average",
            "review_count",
            "completed_engagements",
            "status",
            "decline_reason",
            "engagement",
            "submitted_at",
            "updated_at",
            "decided_at",
            "withdrawn_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_samples(self, proposal: Proposal) -> list[str]:
        request = self.context["request"]
        return [
            request.build_absolute_uri(sample.get_absolute_url())
            for sample in proposal.samples.all()
        ]


class OwnSlugLookupField(SlugLookupField):
    """The slug of one of the proposing freelancer's own objects (`relation` of their profile,
    in `context["form_kwargs"]["freelancer"]`): anyone else's is not found."""

    def __init__(self, relation: str, **kwargs):
        self.relation = relation
        super().__init__(slug_field="slug", **kwargs)

    def get_queryset(self):
        freelancer: Profile = self.context["form_kwargs"]["freelancer"]
        return getattr(freelancer, self.relation).all()


class ServiceToProposeWithField(SlugLookupField):
    """One of the proposing freelancer's services that a proposal may go under (the form's
    rule): a paused one is not found, as anyone else's is, rather than an invalid choice."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def get_queryset(self):
        freelancer: Profile = self.context["form_kwargs"]["freelancer"]
        return services_to_propose_with(freelancer, self.parent.instance)


class ProposalWriteSerializer(FormSerializer):
    """A proposal, with the proposal form's rules; the view passes `freelancer` and `job`."""

    form_class = ProposalForm

    cover_letter = serializers.CharField(
        min_length=MIN_TEXT_LENGTH,
        max_length=5_000,
        trim_whitespace=False,
        help_text=f"How you would do the work, at least {MIN_TEXT_LENGTH} characters.",
    )
    price = AmountField(
        minimum=MIN_PRICE,
        maximum=MAX_PRICE,
        required=True,
        allow_null=False,
        help_text="In the job's currency: the total, or per hour with `basis` `hourly`.",
    )
    basis = serializers.ChoiceField(choices=QuoteBasis.choices)
    duration_days = serializers.IntegerField(min_value=1, max_value=MAX_DURATION_DAYS)
    service = ServiceToProposeWithField(
        help_text="The slug of one of your published services: the engagement and its review "
        "go under it. Any other slug, a paused service of yours included, is not found (404).",
    )
    samples = serializers.ListField(
        child=OwnSlugLookupField("writing_samples"),
        required=False,
        max_length=20,
        help_text="Slugs of your own writing samples to show the client.",
    )

    def to_form_value(self, name: str, value):
        # The form's own choices are ids: it checks the service is published, and the rest.
        if name == "service":
            return value.pk
        if name == "samples":
            return [sample.pk for sample in value]
        return super().to_form_value(name, value)


class DeclineSerializer(FormSerializer):
    form_class = DeclineForm

    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1_000,
        help_text="Optional; the freelancer reads it in the email that tells them.",
    )


class InvitationWriteSerializer(serializers.Serializer):
    freelancer = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Profile.objects.select_related("user"),
        help_text="The freelancer's profile slug.",
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=2_000)


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    job = serializers.HyperlinkedRelatedField(view_name="api:job-detail", read_only=True)
    freelancer = ProfileRefSerializer(read_only=True)
    message = serializers.CharField()
    created_at = serializers.DateTimeField()


class ReceivedInvitationSerializer(InvitationSerializer):
    """An invitation as the invited freelancer lists it: the job, its client, and whether
    they proposed on it yet."""

    job_title = serializers.CharField(source="job.title")
    job_status = serializers.ChoiceField(source="job.status", choices=JobStatus.choices)
    job_page_url = serializers.SerializerMethodField(
        help_text="The job's page, while you may still open it (null once it is closed or "
        "filled and you did not propose)."
    )
    client_name = serializers.CharField(source="job.client.public_name")
    client_page_url = serializers.SerializerMethodField(
        help_text="The client's public page: their reviews from freelancers."
    )
    proposal = serializers.SerializerMethodField(
        help_text="Your proposal on the job, if you sent one (null otherwise)."
    )
    seen_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When you first opened the job or your invitations page after it; null "
        "while the invitation is new.",
    )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_job_page_url(self, invitation) -> str | None:
        if not invitation.job_is_visible:
            return None
        return self.context["request"].build_absolute_uri(invitation.job.get_absolute_url())

    @extend_schema_field(serializers.URLField())
    def get_client_page_url(self, invitation) -> str:
        path = reverse("clients:detail", args=[invitation.job.client.username])
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_proposal(self, invitation) -> str | None:
        if invitation.own_proposal_id is None:
            return None
        return reverse(
            "api:proposal-detail",
            args=[invitation.own_proposal_id],
            request=self.context["request"],
        )


class JobAttachmentSerializer(serializers.ModelSerializer):
    """A file on a job's brief, for whoever may see the job."""

    url = serializers.SerializerMethodField(help_text="This attachment in the API.")
    download_url = PageURLField(
        help_text="The file itself, always sent as a download (the page's own link)."
    )
    content_type = serializers.ChoiceField(choices=sorted(attachments.CONTENT_TYPES.values()))

    class Meta:
        model = JobAttachment
        fields = ["id", "url", "download_url", "name", "content_type", "size", "created_at"]
        read_only_fields = fields

    def get_url(self, attachment: JobAttachment) -> str:
        return reverse(
            "api:job-attachment",
            kwargs={"pk": attachment.job_id, "attachment_pk": attachment.pk},
            request=self.context.get("request"),
        )


class AttachmentUploadSerializer(FormSerializer):
    """One file, with the job page's checks (`jobs.attachments`)."""

    form_class = AttachmentForm

    file = serializers.FileField(help_text=f"{attachments.ATTACHMENT_RULES}.")
