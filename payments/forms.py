"""The payment pages' forms. They check the input and give the friendly messages; the
workflows check again under their locks (and the API validates through these same forms)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from money.currencies import Currency, quantum
from money.limits import MAX_QUOTE, MIN_PRICE
from payments.files import FILE_RULES, MAX_FILES, check_delivery_file
from payments.models import (
    MAX_MILESTONES,
    MAX_REVISIONS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Milestone,
    PayoutDetails,
)
from payments.planning import MilestoneDraft, plan_problems

SHORT_TEXT = forms.Textarea(attrs={"rows": 4})


class MilestoneForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX_LENGTH)
    amount = forms.DecimalField(
        max_digits=10, decimal_places=2, min_value=MIN_PRICE, max_value=MAX_QUOTE
    )
    due_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Due date"
    )
    deliverables = forms.CharField(
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=SHORT_TEXT,
        label="What will be delivered",
    )
    revisions_allowed = forms.IntegerField(
        min_value=0,
        max_value=MAX_REVISIONS,
        initial=1,
        label="Revision rounds",
        help_text=f"How many times the client may ask for changes (0 to {MAX_REVISIONS}).",
    )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due and due < timezone.localdate():
            raise ValidationError("The due date cannot be in the past.", code="past")
        return due

    def draft(self) -> MilestoneDraft:
        data = self.cleaned_data
        return MilestoneDraft(
            title=data["title"],
            amount=data["amount"],
            due_date=data.get("due_date"),
            deliverables=data.get("deliverables") or "",
            revisions_allowed=data["revisions_allowed"],
        )


class BasePlanFormSet(forms.BaseFormSet):
    """The milestones of a plan: each row checked, then the plan as a whole (they add up to
    the engagement's agreed price)."""

    def __init__(self, *args, engagement, **kwargs):
        self.engagement = engagement
        super().__init__(*args, **kwargs)

    def drafts(self) -> list[MilestoneDraft]:
        return [
            form.draft()
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form) and form.is_valid()
        ]

    def clean(self):
        if any(self.errors):
            return
        problems = plan_problems(self.engagement, self.drafts())
        if problems:
            raise ValidationError(problems, code="plan")


PlanFormSet = forms.formset_factory(
    MilestoneForm,
    formset=BasePlanFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_MILESTONES,
    validate_max=True,
    absolute_max=MAX_MILESTONES,
)


def plan_initial(milestones) -> list[dict]:
    return [
        {
            "title": m.title,
            "amount": m.amount,
            "due_date": m.due_date,
            "deliverables": m.deliverables,
            "revisions_allowed": m.revisions_allowed,
        }
        for m in milestones
    ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DeliveryFilesField(forms.FileField):
    """Several files at once; each is checked (`payments.files`), and the cleaned value is
    the list of checked files."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [
            upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload
        ]
        if len(uploads) > MAX_FILES:
            raise ValidationError(f"Attach at most {MAX_FILES} files.", code="too_many")
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_delivery_file(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return checked


class SubmissionForm(forms.Form):
    message = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        widget=SHORT_TEXT,
        label="Message to the client",
        help_text="What you deliver, and anything the client should check.",
    )
    files = DeliveryFilesField(required=False, label="Files", help_text=f"Optional. {FILE_RULES}.")


class ChangesForm(forms.Form):
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH, widget=SHORT_TEXT, label="What should change?"
    )


class RefundProposalForm(forms.Form):
    amount = forms.DecimalField(max_digits=10, decimal_places=2, label="Refund to the client")
    reason = forms.CharField(
        required=False, max_length=TEXT_MAX_LENGTH, widget=SHORT_TEXT, label="Why (optional)"
    )

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        smallest = quantum(milestone.currency)
        field = self.fields["amount"]
        field.validators += [_at_least(smallest), _at_most(milestone.amount)]
        field.widget.attrs.update({"min": str(smallest), "max": str(milestone.amount)})
        field.help_text = (
            f"Up to the whole milestone ({milestone.amount} {milestone.currency}); the rest is "
            "released to the freelancer."
        )


class DisputeForm(forms.Form):
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        widget=SHORT_TEXT,
        label="What went wrong?",
        help_text="The other side and staff read this.",
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(max_length=TEXT_MAX_LENGTH, widget=SHORT_TEXT, label="Your answer")


class ConfirmForm(forms.Form):
    """A step that needs no input, only a deliberate click."""


class DisputeResolutionForm(forms.Form):
    refund_amount = forms.DecimalField(
        max_digits=10, decimal_places=2, label="Refund to the client"
    )
    note = forms.CharField(
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=SHORT_TEXT,
        label="Note to both sides (optional)",
    )

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["refund_amount"]
        field.validators += [_at_least(Decimal(0)), _at_most(milestone.amount)]
        field.widget.attrs.update({"min": "0", "max": str(milestone.amount)})
        field.help_text = (
            f"From 0 to {milestone.amount} {milestone.currency}; the rest is released to the "
            "freelancer, less the platform fee."
        )


class PayoutDetailsForm(forms.ModelForm):
    class Meta:
        model = PayoutDetails
        fields = ["account_holder", "bank_details"]
        labels = {"bank_details": "Bank details"}
        help_texts = {
            "bank_details": "IBAN and BIC, or account and routing numbers: what a bank needs to "
            "pay you. Only you and staff see them."
        }
        widgets = {"bank_details": forms.Textarea(attrs={"rows": 3})}


class PayoutRequestForm(forms.Form):
    currency = forms.ChoiceField(choices=Currency.choices)
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))

    def __init__(self, *args, currencies: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if currencies:
            self.fields["currency"].choices = [
                (code, label) for code, label in Currency.choices if code in currencies
            ]


class PayoutDecisionForm(forms.Form):
    reference = forms.CharField(
        max_length=200,
        required=False,
        label="Bank reference, or why it failed",
    )


def _at_least(minimum: Decimal):
    def check(value):
        if value is not None and value < minimum:
            raise ValidationError(f"Enter at least {minimum}.", code="min_value")

    return check


def _at_most(maximum: Decimal):
    def check(value):
        if value is not None and value > maximum:
            raise ValidationError(
                f"Enter at most {maximum}, the milestone's amount.", code="max_value"
            )

    return check
