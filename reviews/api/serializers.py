from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagements.models import Engagement
from marketplace.api.form_serializers import FormSerializer
from profiles.api.serializers import ServiceRefSerializer
from reviews.forms import ReportForm, ResponseForm, ReviewForm
from reviews.models import Review, ReviewReport


class ReviewSerializer(serializers.ModelSerializer):
    """A published review: rating, words, the verified-hire date and the freelancer's answer."""

    url = serializers.HyperlinkedIdentityField(view_name="api:review-detail")
    service = ServiceRefSerializer(read_only=True)
    author_name = serializers.CharField(
        source="author.public_name", read_only=True, help_text="First name and last initial."
    )
    is_edited = serializers.BooleanField(read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "service",
            "author_name",
            "rating",
            "text",
            "work_completed_on",
            "created_at",
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
        return Engagement.objects.involving(user).select_related("service", "freelancer")


class ReviewCreateSerializer(FormSerializer):
    form_class = ReviewForm
    passthrough_fields = ("engagement",)

    engagement = _OwnEngagementField(
        help_text="The id of your completed engagement (reviews are open 30 days after it)."
    )
    rating = serializers.IntegerField(help_text="1 to 5 stars.")
    text = serializers.CharField(
        max_length=5_000, help_text="20 to 5,000 characters; public, with your first name."
    )


class ReviewUpdateSerializer(FormSerializer):
    form_class = ReviewForm

    rating = serializers.IntegerField(required=False, help_text="1 to 5 stars.")
    text = serializers.CharField(
        max_length=5_000, required=False, help_text="20 to 5,000 characters."
    )


class ResponseSerializer(FormSerializer):
    form_class = ResponseForm

    text = serializers.CharField(max_length=5_000, help_text="Your public answer to the review.")


class ReportSerializer(FormSerializer):
    form_class = ReportForm

    reason = serializers.CharField(
        max_length=1_000, help_text="Why a moderator should look at this review."
    )


class ReviewReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewReport
        fields = ["id", "reason", "created_at"]
        read_only_fields = fields
