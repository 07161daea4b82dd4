from django import forms

from reviews.models import REVIEW_TEXT_MAX_LENGTH, REVIEW_TEXT_MIN_LENGTH, ReviewDirection
from reviews.moderation import REASON_MAX_LENGTH
from reviews.submission import RESPONSE_MAX_LENGTH

REPORT_MAX_LENGTH = 1_000
RATING_CHOICES = [
    (5, "5 stars: excellent"),
    (4, "4 stars: good"),
    (3, "3 stars: okay"),
    (2, "2 stars: poor"),
    (1, "1 star: very poor"),
]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Your rating", choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Your review",
        min_length=REVIEW_TEXT_MIN_LENGTH,
        max_length=REVIEW_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"What went well, what could be better ({REVIEW_TEXT_MIN_LENGTH} to "
        f"{REVIEW_TEXT_MAX_LENGTH:,} characters). It is public, with your first name.",
    )


class ClientReviewForm(ReviewForm):
    """The freelancer's review of the client: the same rating and text, other prompts."""

    rating = forms.TypedChoiceField(
        label="Your rating of the client",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Your review of the client",
        min_length=REVIEW_TEXT_MIN_LENGTH,
        max_length=REVIEW_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="How clear was the brief? How was the communication? Did they pay on time? "
        f"({REVIEW_TEXT_MIN_LENGTH} to {REVIEW_TEXT_MAX_LENGTH:,} characters). It is public, "
        "on the client's page, with your name.",
    )


def review_form_class(direction: str) -> type[ReviewForm]:
    return ClientReviewForm if direction == ReviewDirection.OF_CLIENT else ReviewForm


class ResponseForm(forms.Form):
    text = forms.CharField(
        label="Your public response",
        max_length=RESPONSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown under the review for everyone to read.",
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="Why should a moderator look at this review?",
        max_length=REPORT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: it is not about this work, it is abusive, it shares private "
        "information. A review is not hidden for being negative.",
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label="Reason (recorded in the moderation log)",
        max_length=REASON_MAX_LENGTH,
        widget=forms.TextInput(attrs={"size": 60}),
    )
