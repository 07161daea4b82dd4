"""The job and proposal forms, shared by the pages and the API (jobs.api.serializers)."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from engagements.models import QuoteBasis
from jobs import attachments
from jobs.models import Invitation, JobPost, Proposal
from marketplace.validators import one_line, reject_markup
from money.forms import limit_amount, limit_hourly_rate
from money.limits import MAX_PRICE, MIN_PRICE
from profiles.forms import SkillNamesField
from profiles.models import Profile, WritingSample
from services.forms import LeafCategoryChoiceField
from services.models import Category, Service

MAX_ESTIMATED_HOURS = 10_000
MAX_DURATION_WEEKS = 104
MAX_DURATION_DAYS = 730
MIN_TEXT_LENGTH = 20


class JobPostForm(forms.ModelForm):
    category = LeafCategoryChoiceField(
        queryset=Category.objects.leaves()
        .select_related("parent")
        .order_by("parent__position", "parent__name", "position", "name"),
        empty_label="Choose a category",
    )
    skill_names = SkillNamesField(label="Skills wanted")

    class Meta:
        model = JobPost
        fields = [
            "title",
            "category",
            "brief",
            "budget_basis",
            "budget_amount",
            "hourly_min",
            "hourly_max",
            "estimated_hours",
            "currency",
            "deadline",
            "duration_weeks",
            "visibility",
            "allows_several_hires",
        ]
        labels = {"budget_basis": "Budget", "brief": "Describe the work"}
        help_texts = {
            "title": "The work in a few words, e.g. “Five articles on local elections”.",
            "brief": "Topic, length, audience, tone, sources: what a freelancer needs to quote.",
            "budget_amount": "For a fixed price: the total you expect to pay.",
            "estimated_hours": "For hourly work: about how many hours it takes.",
            "deadline": "Give a deadline or a duration, not both.",
        }
        widgets = {
            "brief": forms.Textarea(attrs={"rows": 10}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "budget_basis": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "skill_names" not in self.initial:
            self.initial["skill_names"] = list(self.instance.skills.all())
        self.fields["title"].validators += [reject_markup, one_line]
        limit_amount(
            self.fields["budget_amount"],
            maximum=MAX_PRICE,
            too_small=f"Enter a budget of at least {MIN_PRICE}.",
            too_big=f"Enter a budget of at most {MAX_PRICE:,}.",
        )
        limit_hourly_rate(self.fields["hourly_min"])
        limit_hourly_rate(self.fields["hourly_max"])
        self.fields["estimated_hours"].max_value = MAX_ESTIMATED_HOURS
        self.fields["estimated_hours"].widget.attrs.update({"min": 1, "max": MAX_ESTIMATED_HOURS})
        self.fields["duration_weeks"].widget.attrs.update({"min": 1, "max": MAX_DURATION_WEEKS})

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        if not any(character.isalnum() for character in title):
            raise forms.ValidationError("Give the job a title with words in it.", code="blank")
        return title

    def clean_brief(self) -> str:
        brief = self.cleaned_data["brief"]
        if len(brief) < MIN_TEXT_LENGTH:
            raise forms.ValidationError(
                "Describe the work in at least %(min)s characters.",
                code="too_short",
                params={"min": MIN_TEXT_LENGTH},
            )
        return brief

    def clean_estimated_hours(self):
        hours = self.cleaned_data["estimated_hours"]
        if hours is not None and not 1 <= hours <= MAX_ESTIMATED_HOURS:
            raise forms.ValidationError(
                "Estimate between 1 and %(max)s hours.",
                code="out_of_range",
                params={"max": MAX_ESTIMATED_HOURS},
            )
        return hours

    def clean_duration_weeks(self):
        weeks = self.cleaned_data["duration_weeks"]
        if weeks is not None and not 1 <= weeks <= MAX_DURATION_WEEKS:
            raise forms.ValidationError(
                "Give a duration between 1 and %(max)s weeks.",
                code="out_of_range",
                params={"max": MAX_DURATION_WEEKS},
            )
        return weeks

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError("The deadline cannot be in the past.", code="past")
        return deadline

    def clean(self):
        cleaned = super().clean()
        basis = cleaned.get("budget_basis")
        # Only the chosen basis's fields are kept, so the other's leftovers never reach the
        # database (whose constraint refuses the mix).
        if basis == QuoteBasis.FIXED:
            cleaned["hourly_min"] = cleaned["hourly_max"] = cleaned["estimated_hours"] = None
            if cleaned.get("budget_amount") is None and "budget_amount" not in self.errors:
                self.add_error("budget_amount", "Give the fixed budget.")
        elif basis == QuoteBasis.HOURLY:
            cleaned["budget_amount"] = None
            for name, message in [
                ("hourly_min", "Give the lowest hourly rate you would pay."),
                ("hourly_max", "Give the highest hourly rate you would pay."),
                ("estimated_hours", "Estimate how many hours the work takes."),
            ]:
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, message)
            low, high = cleaned.get("hourly_min"), cleaned.get("hourly_max")
            if low is not None and high is not None and high < low:
                self.add_error("hourly_max", "The highest rate cannot be below the lowest.")
        if cleaned.get("deadline") and cleaned.get("duration_weeks"):
            self.add_error("duration_weeks", "Give a deadline or a duration, not both.")
        return cleaned


def services_to_propose_with(freelancer: Profile, proposal: Proposal | None):
    """The freelancer's published services; a proposal's own service, paused since, stays
    one of them so the workflow says why it cannot stay (a 409), rather than "not one of the
    choices"."""
    services = freelancer.services.published()
    if proposal is not None and proposal.service_id:
        services = freelancer.services.filter(
            Q(pk__in=services.values("pk")) | Q(pk=proposal.service_id)
        )
    return services.order_by("title")


class ProposalForm(forms.ModelForm):
    """A freelancer's proposal: `freelancer` limits the services and samples to their own."""

    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        empty_label=None,
        help_text="Once hired, the engagement and its review go under this service.",
    )
    samples = forms.ModelMultipleChoiceField(
        queryset=WritingSample.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Writing samples to show",
    )

    class Meta:
        model = Proposal
        fields = ["cover_letter", "price", "basis", "duration_days", "service", "samples"]
        labels = {"price": "Your price", "basis": "Priced as"}
        widgets = {"cover_letter": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, freelancer: Profile, job: JobPost, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services_to_propose_with(freelancer, self.instance)
        self.fields["samples"].queryset = freelancer.writing_samples.all()
        # "In GBP (Pound sterling)": currency names do not all take a plural "s".
        self.fields["price"].help_text = f"In {job.currency} ({job.get_currency_display()})."
        limit_amount(
            self.fields["price"],
            maximum=MAX_PRICE,
            too_small=f"Enter a price of at least {MIN_PRICE}.",
            too_big=f"Enter a price of at most {MAX_PRICE:,}.",
        )
        self.fields["duration_days"].widget.attrs.update({"min": 1, "max": MAX_DURATION_DAYS})
        if not self.instance.pk:
            self.initial.setdefault("basis", job.budget_basis)

    def clean_cover_letter(self) -> str:
        letter = self.cleaned_data["cover_letter"]
        if len(letter) < MIN_TEXT_LENGTH:
            raise forms.ValidationError(
                "Write at least %(min)s characters about how you would do the work.",
                code="too_short",
                params={"min": MIN_TEXT_LENGTH},
            )
        return letter

    def clean_duration_days(self):
        days = self.cleaned_data["duration_days"]
        if days is not None and not 1 <= days <= MAX_DURATION_DAYS:
            raise forms.ValidationError(
                "Estimate between 1 and %(max)s days.",
                code="out_of_range",
                params={"max": MAX_DURATION_DAYS},
            )
        return days

    def workflow_arguments(self) -> dict:
        """The cleaned fields under the names jobs.proposing's functions take."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=1_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The freelancer reads this in the email that tells them.",
    )


class InvitationForm(forms.ModelForm):
    """Which of the client's open jobs to invite a freelancer to, with a note."""

    job = forms.ModelChoiceField(queryset=JobPost.objects.none(), empty_label=None)

    class Meta:
        model = Invitation
        fields = ["job", "message"]
        labels = {"message": "A note (optional)"}
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = JobPost.objects.owned_by(client).open().order_by("-id")


class AttachmentForm(forms.Form):
    """A file for a job's brief; `cleaned_data["file"]` is the checked file to store."""

    file = forms.FileField(
        label="Attach a file",
        help_text=f"{attachments.ATTACHMENT_RULES}.",
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )

    def clean_file(self) -> attachments.CheckedFile:
        return attachments.check_attachment(self.cleaned_data["file"])
