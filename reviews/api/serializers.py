from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagements.models import REVIEW_WINDOW, Engagement
from marketplace.api.form_serializers import FormSerializer
from profiles.api.serializers import ServiceRefSerializer
from ratings.aspects import (
    ACCURACY,
    ASPECTS,
    BRIEF,
    DEADLINES,
    VOICE,
    WRITING_CATEGORY_NAME,
    Aspect,
)
from reviews.forms import (
    RATING_CHOICES,
    REPORT_MAX_LENGTH,
    ReportForm,
    ResponseForm,
    ReviewForm,
    review_form_class,
)
from reviews.models import (
    REVIEW_TEXT_MAX_LENGTH,
    REVIEW_TEXT_MIN_LENGTH,
    Review,
    ReviewDirection,
    ReviewReport,
)
from reviews.submission import RESPONSE_MAX_LENGTH, direction_of


class ReviewSerializer(serializers.ModelSerializer):
    """A review: rating, words, the verified-hire date and the reviewed person's answer.

    Others see only published reviews; the author also sees their own while it is pending
    (`published_at` null: hidden from the other side and the public, double-blind).
    """

    url = serializers.HyperlinkedIdentityField(view_name="api:review-detail")
    direction = serializers.ChoiceField(
        choices=ReviewDirection.choices,
        read_only=True,
        help_text="`of_freelancer`: the client reviews the freelancer's service; `of_client`: "
        "the freelancer reviews the client.",
    )
    service = ServiceRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The reviewed service (null on reviews of clients).",
    )
    author_name = serializers.CharField(
        read_only=True,
        help_text="A client by first name and last initial; a freelancer (on a review of a "
        "client) by the name on their profile.",
    )
    subject_name = serializers.CharField(
        source="subject.public_name",
        read_only=True,
        help_text="The reviewed person: first name and last initial.",
    )
    is_edited = serializers.BooleanField(read_only=True)
    published_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When both reviews of the engagement were published (or its review window "
        "closed); null while pending, which only the author sees.",
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "direction",
            "service",
            "author_name",
            "subject_name",
            "rating",
            *(aspect.rating_field for aspect in ASPECTS),
            "text",
            "work_completed_on",
            "created_at",
            "published_at",
            "edited_at",
            "is_edited",
            "response",
            "responded_at",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class _OwnEngagementField(serializers.PrimaryKeyRelatedField):
    """One of the signed-in user's engagements, by id."""

    def get_queryset(self):
        user = self.context["request"].user
        # The category (with its parent) says whether the review requires sub-ratings.
        return Engagement.objects.involving(user).select_related(
            "service__category__parent", "freelancer"
        )


# Stars as the API's choices (value, value): the schema's one `RatingEnum`, shared by the
# overall rating and every sub-rating (ENUM_NAME_OVERRIDES in settings names it).
STAR_CHOICES = [(stars, stars) for stars in sorted(value for value, _ in RATING_CHOICES)]


class RatingField(serializers.ChoiceField):
    """Stars, as the review form offers them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"{STAR_CHOICES[0][0]} to {STAR_CHOICES[-1][0]} stars.")
        super().__init__(choices=[stars for stars, _ in STAR_CHOICES], **kwargs)


def sub_rating_field(aspect: Aspect) -> RatingField:
    """One optional field per writing aspect (ratings.aspects), as the review form has."""
    return RatingField(
        required=False,
        allow_null=True,
        help_text=f"{aspect.label}: {aspect.help_text} 1 to 5 stars. Required in a "
        f"client's review of a service in {WRITING_CATEGORY_NAME}; elsewhere optional "
        "(null or left out: not rated); a freelancer's review of a client rates no aspect.",
    )


class SubRatingFields(serializers.Serializer):
    """The sub-rating fields as a base class: DRF collects declared fields from base
    serializers."""

    accuracy_rating = sub_rating_field(ACCURACY)
    brief_rating = sub_rating_field(BRIEF)
    voice_rating = sub_rating_field(VOICE)
    deadlines_rating = sub_rating_field(DEADLINES)


def _refuse_sub_ratings(attrs: dict) -> None:
    given = [a.rating_field for a in ASPECTS if attrs.get(a.rating_field) is not None]
    if given:
        message = "Only a client's review of the freelancer rates writing aspects."
        raise serializers.ValidationError(dict.fromkeys(given, [message]))


class ReviewCreateSerializer(SubRatingFields, FormSerializer):
    form_class = ReviewForm
    passthrough_fields = ("engagement",)

    engagement = _OwnEngagementField(
        help_text="The id of your completed engagement (reviews are open "
        f"{REVIEW_WINDOW.days} days after it). As its client you review the freelancer; as its "
        "freelancer you review the client."
    )
    rating = RatingField()
    text = serializers.CharField(
        min_length=REVIEW_TEXT_MIN_LENGTH,
        max_length=REVIEW_TEXT_MAX_LENGTH,
        help_text=f"{REVIEW_TEXT_MIN_LENGTH} to {REVIEW_TEXT_MAX_LENGTH:,} characters; public, "
        "with your first name, once published. Reviewing a client: how clear the brief was, "
        "the communication, paying on time.",
    )

    def validate(self, attrs: dict) -> dict:
        # The form's rules depend on who reviews whom and on the service's category
        # (sub-ratings): only a client's review of the freelancer rates writing aspects.
        engagement = attrs["engagement"]
        direction = direction_of(engagement, self.context["request"].user)
        self.form_class = review_form_class(direction)
        self._category = engagement.service.category
        if direction == ReviewDirection.OF_CLIENT:
            _refuse_sub_ratings(attrs)
        return super().validate(attrs)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "category": self._category}


class ReviewUpdateSerializer(SubRatingFields, FormSerializer):
    """The view passes the review, its category and current values in `form_kwargs`."""

    form_class = ReviewForm

    def validate(self, attrs: dict) -> dict:
        review = self.context["form_kwargs"]["review"]
        self.form_class = review_form_class(review.direction)
        if review.direction == ReviewDirection.OF_CLIENT:
            _refuse_sub_ratings(attrs)
        return super().validate(attrs)

    rating = RatingField(required=False)
    text = serializers.CharField(
        min_length=REVIEW_TEXT_MIN_LENGTH,
        max_length=REVIEW_TEXT_MAX_LENGTH,
        required=False,
        help_text=f"{REVIEW_TEXT_MIN_LENGTH} to {REVIEW_TEXT_MAX_LENGTH:,} characters.",
    )


class ResponseSerializer(FormSerializer):
    form_class = ResponseForm

    text = serializers.CharField(
        max_length=RESPONSE_MAX_LENGTH, help_text="Your public answer to the review."
    )


class ReportSerializer(FormSerializer):
    form_class = ReportForm

    reason = serializers.CharField(
        max_length=REPORT_MAX_LENGTH, help_text="Why a moderator should look at this review."
    )


class ReviewReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewReport
        fields = ["id", "reason", "created_at"]
        read_only_fields = fields
