from django import forms

from ratings.aspects import ASPECTS, sub_ratings_required
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
# Worded apart from the overall stars, so each radio's name is unique on the page.
SUB_RATING_CHOICES = [
    (5, "5 out of 5: excellent"),
    (4, "4 out of 5: good"),
    (3, "3 out of 5: okay"),
    (2, "2 out of 5: poor"),
    (1, "1 out of 5: very poor"),
]


class ReviewForm(forms.Form):
    # Writing aspects are rated in a client's review of the freelancer's work only.
    rates_aspects = True

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

    def __init__(self, *args, category=None, review=None, **kwargs):
        """`category`: the reviewed service's (with its parent); `review`: the one edited.
        See `ratings.aspects.sub_ratings_required` for when every sub-rating is required;
        otherwise each offers a "Not rated" choice."""
        super().__init__(*args, **kwargs)
        self.requires_sub_ratings = self.rates_aspects and sub_ratings_required(
            category=category, review=review
        )
        for aspect in ASPECTS if self.rates_aspects else ():
            choices = SUB_RATING_CHOICES
            if not self.requires_sub_ratings:
                choices = [("", "Not rated"), *SUB_RATING_CHOICES]
            self.fields[aspect.rating_field] = forms.TypedChoiceField(
                label=aspect.label,
                help_text=aspect.help_text,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=self.requires_sub_ratings,
                widget=forms.RadioSelect,
            )

    @property
    def sub_rating_fields(self) -> list[forms.BoundField]:
        return [
            self[aspect.rating_field] for aspect in ASPECTS if aspect.rating_field in self.fields
        ]

    def clean(self):
        """The sub-ratings travel to the workflow as one mapping, aspect key -> stars."""
        cleaned_data = super().clean()
        cleaned_data["sub_ratings"] = {
            aspect.key: cleaned_data.pop(aspect.rating_field, None) for aspect in ASPECTS
        }
        return cleaned_data


def review_form_initial(review) -> dict:
    """What the review form shows when the author opens it to edit `review`."""
    initial = {"rating": review.rating, "text": review.text}
    for aspect in ASPECTS:
        initial[aspect.rating_field] = getattr(review, aspect.rating_field)
    return initial


class ClientReviewForm(ReviewForm):
    """The freelancer's review of the client: the same rating and text, other prompts."""

    rates_aspects = False

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
