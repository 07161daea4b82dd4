from django.core.validators import slug_re
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from favourites.models import Favourite, Kind
from marketplace.api.fields import SLUG_PATTERN


class FavouriteSerializer(serializers.ModelSerializer):
    """One saved thing: which kind, which one (the other two are null), and whether it can
    still be opened. Nothing here is public, and nothing counts who else saved it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:favourite-detail")
    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True)
    service = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The service's slug, for `kind` service.",
    )
    profile = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The freelancer's slug, for `kind` profile.",
    )
    job = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The job's id, for `kind` job."
    )
    title = serializers.CharField(
        read_only=True, help_text="The service's or job's title, or the freelancer's name."
    )
    is_available = serializers.BooleanField(
        read_only=True,
        help_text="False once the service is paused or the job is no longer open: it stays "
        "on the list, marked, until it comes back or you remove it.",
    )
    page_url = serializers.SerializerMethodField(
        help_text="The target's page on the site; null while it is not available."
    )

    class Meta:
        model = Favourite
        fields = [
            "id",
            "url",
            "kind",
            "service",
            "profile",
            "job",
            "title",
            "is_available",
            "page_url",
            "created_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_page_url(self, favourite: Favourite) -> str | None:
        if not favourite.is_available:
            return None
        return self.context["request"].build_absolute_uri(favourite.target.get_absolute_url())


@extend_schema_field({"type": "string", "pattern": SLUG_PATTERN})
class SlugField(serializers.CharField):
    """A slug naming a target; a value not shaped like one is refused before any query."""

    def to_internal_value(self, data) -> str:
        if not isinstance(data, str) or not slug_re.match(data):
            raise serializers.ValidationError("Enter a slug.", code="invalid")
        return data


class FavouriteCreateSerializer(serializers.Serializer):
    """Exactly one of `service`, `profile` or `job`: what to save."""

    exactly_one_of = ("service", "profile", "job")

    service = SlugField(required=False, help_text="A published service's slug.")
    profile = SlugField(required=False, help_text="A freelancer's slug.")
    job = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="An open job's id (freelancers only).",
    )

    def validate(self, attrs: dict) -> dict:
        if len(attrs) != 1:
            raise serializers.ValidationError(
                "Name exactly one of service, profile or job.", code="one_target"
            )
        return attrs

    @property
    def target_lookup(self) -> tuple[str, dict]:
        """The kind, and how to find the target: `{"slug": ...}` or `{"pk": ...}`."""
        ((kind, value),) = self.validated_data.items()
        return kind, ({"pk": value} if kind == Kind.JOB else {"slug": value})
