from django import forms
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.utils import timezone

from engagements.models import Engagement, QuoteBasis
from money.limits import MAX_QUOTE, MIN_QUOTE
from uploads.documents import KINDS_BY_EXTENSION
from uploads.limits import DOCUMENT_FORMATS_TEXT, MAX_DOCUMENT_SIZE

WHAT_MIN_LENGTH = 10


class QuoteRequestForm(forms.ModelForm):
    """The brief a client sends with "Get a quote"."""

    class Meta:
        model = Engagement
        fields = ["what", "budget", "deadline"]
        labels = {"what": "What do you need?", "budget": "Budget", "deadline": "Deadline"}
        help_texts = {
            "what": "A few lines about the work: topic, length, audience, anything to avoid.",
            "budget": "Optional: what you expect to spend in total.",
            "deadline": "Optional: when you need it by.",
        }
        widgets = {
            "what": forms.Textarea(attrs={"rows": 5}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].validators.append(MinLengthValidator(WHAT_MIN_LENGTH))
        self.fields["budget"].validators += [
            MinValueValidator(MIN_QUOTE),
            MaxValueValidator(MAX_QUOTE),
        ]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError("The deadline cannot be in the past.", code="past")
        return deadline


class AcceptForm(forms.Form):
    """What the freelancer may add when accepting: a quote, as a fixed price or a rate."""

    quoted_amount = forms.DecimalField(
        label="Your quote",
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=MIN_QUOTE,
        max_value=MAX_QUOTE,
        help_text="Optional.",
    )
    quote_basis = forms.ChoiceField(
        label="Quoted as", choices=QuoteBasis, initial=QuoteBasis.FIXED, required=False
    )


class DocumentQuoteForm(forms.Form):
    """The client's document for an instant quote (checked by uploads.documents)."""

    document = forms.FileField(
        label="Your document",
        help_text=f"{DOCUMENT_FORMATS_TEXT}, up to {MAX_DOCUMENT_SIZE}.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(KINDS_BY_EXTENSION)}),
    )
