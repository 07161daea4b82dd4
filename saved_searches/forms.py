from django import forms
from django.core.exceptions import ValidationError

from marketplace.validators import one_line
from saved_searches import queries
from saved_searches.models import NAME_MAX_LENGTH, Frequency, SavedSearch


def query_errors(error: ValidationError) -> list[str]:
    """A query's errors as sentences that name the filter they are about."""
    if not hasattr(error, "error_dict"):
        return error.messages
    return [
        f"{name.replace('_', ' ').capitalize()}: {message}"
        for name, errors in error.error_dict.items()
        for message in ValidationError(errors).messages
    ]


class SaveSearchForm(forms.Form):
    """ "Save this search" on a results page: the page's own address says what to search."""

    name = forms.CharField(max_length=NAME_MAX_LENGTH, strip=True, validators=[one_line])
    frequency = forms.ChoiceField(
        choices=Frequency.choices, initial=Frequency.DAILY, label="Email me"
    )
    results_url = forms.CharField(widget=forms.HiddenInput, max_length=queries.MAX_QUERY_LENGTH)

    def clean(self):
        cleaned = super().clean()
        url = cleaned.get("results_url")
        if url:
            try:
                kind, params = queries.query_from_results_url(url)
                cleaned["kind"] = kind.value
                cleaned["query"] = queries.normalised_query(kind, params)
            except ValidationError as error:
                raise ValidationError(query_errors(error)) from error
        return cleaned


class SavedSearchForm(forms.ModelForm):
    """Rename a saved search or change how often it emails."""

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"frequency": "Email me"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(one_line)
