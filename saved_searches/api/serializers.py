from django.core.exceptions import ValidationError
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.api.fields import PageURLField
from marketplace.api.form_serializers import FormSerializer, StrictSerializer
from marketplace.validators import one_line
from saved_searches import queries
from saved_searches.forms import SavedSearchForm, query_errors
from saved_searches.models import NAME_MAX_LENGTH, Frequency, SavedSearch, SearchKind

QUERY_HELP = (
    "The search's parameters as a query string, as on its results page: for `services`, "
    "those of `services_list` (`q`, `category`, `skill`, `min_rate`, `max_rate`, `max_price`, "
    "`min_rating`, `engagement`, `sort`); for `jobs`, those of `jobs_list` (`q`, `category`, "
    "`skill`, `min_budget`, `max_budget`, `posted_within`, `sort`). Each value is checked by "
    "the same rules as there (a 400 names the parameter); `page` and unknown parameters are "
    f"dropped. At most {queries.MAX_QUERY_LENGTH} characters. Answered in canonical form."
)


class SavedSearchSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:saved-search-detail")
    results_url = PageURLField(help_text="The search's results page: runs it now.")
    query = serializers.SerializerMethodField(help_text=QUERY_HELP)
    paused = serializers.BooleanField(
        source="is_paused", read_only=True, help_text="Whether its email alerts are paused."
    )

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "url",
            "results_url",
            "kind",
            "name",
            "query",
            "frequency",
            "paused",
            "created_at",
            "last_alert_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_query(self, search: SavedSearch) -> str:
        return queries.query_string(search.search_kind, search.query)


class SavedSearchCreateSerializer(StrictSerializer):
    """A search to save, with the "Save this search" form's rules."""

    kind = serializers.ChoiceField(choices=SearchKind.choices)
    query = serializers.CharField(
        max_length=queries.MAX_QUERY_LENGTH,
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        help_text=QUERY_HELP,
    )
    name = serializers.CharField(max_length=NAME_MAX_LENGTH, validators=[one_line])
    frequency = serializers.ChoiceField(choices=Frequency.choices, default=Frequency.DAILY)

    def validate(self, attrs: dict) -> dict:
        kind = queries.KINDS[attrs["kind"]]
        try:
            attrs["query"] = queries.normalised_query(kind, QueryDict(attrs["query"]))
        except ValidationError as error:
            raise serializers.ValidationError({"query": query_errors(error)}) from error
        return attrs


class SavedSearchUpdateSerializer(FormSerializer):
    """Rename, change the frequency, pause or resume: with the dashboard form's rules."""

    form_class = SavedSearchForm
    passthrough_fields = ("paused",)

    name = serializers.CharField(max_length=NAME_MAX_LENGTH, required=False, validators=[one_line])
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)
    paused = serializers.BooleanField(
        required=False,
        help_text="`true` stops its email alerts; `false` resumes them, for what is "
        "published from then on.",
    )
