"""The hourly pages' forms. They give the friendly field messages; the workflows check again
under their locks (and the API validates through these same forms)."""

import datetime
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from money.limits import MAX_QUOTE, MIN_PRICE
from timesheets import calendar
from timesheets.models import (
    DESCRIPTION_MAX_LENGTH,
    HOURS_STEP,
    MAX_ENTRY_HOURS,
    MAX_WEEKLY_LIMIT,
    REASON_MAX_LENGTH,
    TimeEntry,
)


class TermsForm(forms.Form):
    hourly_rate = forms.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=MIN_PRICE,
        max_value=MAX_QUOTE,
        label="Hourly rate",
    )
    weekly_limit = forms.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=HOURS_STEP,
        max_value=MAX_WEEKLY_LIMIT,
        step_size=HOURS_STEP,
        label="Weekly limit (hours)",
        help_text=f"At most this many hours are billed in one week (up to {MAX_WEEKLY_LIMIT}).",
    )
    time_zone = forms.ChoiceField(
        required=False,
        label="The freelancer's time zone",
        help_text="Weeks run Monday to Sunday in this zone. Fixed once the contract starts.",
    )

    def __init__(self, *args, zone_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", "—"), *calendar.zone_choices()]
        if zone_fixed:
            del self.fields["time_zone"]


class TimeEntryForm(forms.Form):
    """An entry of the current week: `week_start` and `today` bound the day."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=HOURS_STEP,
        max_value=MAX_ENTRY_HOURS,
        step_size=HOURS_STEP,
        help_text=f"In quarter hours: {HOURS_STEP} is 15 minutes.",
    )
    description = forms.CharField(
        max_length=DESCRIPTION_MAX_LENGTH,
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, week_start: datetime.date, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.week_start, self.today = week_start, today
        week_end = min(today, week_start + timedelta(days=6))
        self.fields["date"].widget.attrs.update(
            min=week_start.isoformat(), max=week_end.isoformat()
        )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not self.week_start <= day <= self.week_start + timedelta(days=6):
            raise ValidationError(
                f"Give a day of this week ({self.week_start:%d %B} to "
                f"{self.week_start + timedelta(days=6):%d %B}).",
                code="outside_week",
            )
        if day > self.today:
            raise ValidationError("Time is logged for today or earlier days.", code="future")
        return day


class DisputeForm(forms.Form):
    reason = forms.CharField(max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
    entries = forms.ModelMultipleChoiceField(
        queryset=TimeEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Entries disputed (none: the whole week)",
    )

    def __init__(self, *args, week, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = week.entries.all()


class ResolveForm(forms.Form):
    refund_amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal(0))
    note = forms.CharField(
        required=False, max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, week, **kwargs):
        super().__init__(*args, **kwargs)
        self.week = week

    def clean_refund_amount(self):
        amount = self.cleaned_data["refund_amount"]
        if amount > self.week.amount:
            raise ValidationError(f"At most the week's {self.week.amount}.", code="too_much")
        return amount
