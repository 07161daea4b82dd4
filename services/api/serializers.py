from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from marketplace.api.fields import PageURLField, SlugLookupField
from marketplace.api.form_serializers import FormSerializer
from marketplace.validators import one_line
from money.api.fields import AmountField, MoneyDisplayField
from money.currencies import Currency
from money.limits import MAX_HOURLY_RATE, MAX_PRICE, MIN_PRICE
from profiles.api.serializers import ProfileRefSerializer, SkillNamesField, SkillSerializer
from profiles.models import EngagementKind
from ratings.api.serializers import SubRatingAveragesSerializer
from services.filters import COUNTED_RESULTS, Facets
from services.forms import ServiceForm
from services.models import Category, Service


class SubcategorySerializer(serializers.ModelSerializer):
    page_url = PageURLField()
    service_count = serializers.IntegerField(
        read_only=True, help_text="Published services in this subcategory."
    )

    class Meta:
        model = Category
        fields = ["slug", "name", "description", "page_url", "service_count"]


class CategoryTreeSerializer(SubcategorySerializer):
    """A top-level category and its subcategories (services hang on subcategories)."""

    service_count = serializers.IntegerField(
        read_only=True, help_text="Published services in all its subcategories."
    )
    subcategories = SubcategorySerializer(many=True, read_only=True)

    class Meta(SubcategorySerializer.Meta):
        fields = [*SubcategorySerializer.Meta.fields, "subcategories"]


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name"]


class ServiceCategorySerializer(serializers.ModelSerializer):
    parent = CategoryRefSerializer(read_only=True)

    class Meta:
        model = Category
        fields = ["slug", "name", "parent"]


class ServiceSerializer(serializers.ModelSerializer):
    """A service as its page shows it: prices, skills, freelancer and stored reputation."""

    url = serializers.HyperlinkedIdentityField(view_name="api:service-detail", lookup_field="slug")
    page_url = PageURLField()
    category = ServiceCategorySerializer(read_only=True)
    skills = SkillSerializer(many=True, read_only=True)
    owner = ProfileRefSerializer(read_only=True)
    hourly_rate_display = MoneyDisplayField("hourly_rate", per_hour=True)
    starting_price_display = MoneyDisplayField("starting_price")
    sub_ratings = SubRatingAveragesSerializer(
        source="*",
        read_only=True,
        help_text="Writing sub-ratings: each aspect's average and count over visible reviews.",
    )

    class Meta:
        model = Service
        fields = [
            "url",
            "page_url",
            "slug",
            "title",
            "status",
            "category",
            "description",
            "hourly_rate",
            "starting_price",
            "currency",
            "hourly_rate_display",
            "starting_price_display",
            "engagement",
            "skills",
            "owner",
            "review_count",
            "rating_average",
            "sub_ratings",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ServiceWriteSerializer(FormSerializer):
    """A service's details, with the dashboard form's rules (at least one price, ...)."""

    form_class = ServiceForm
    form_field_names = {"skills": "skill_names"}
    # The form's rule for a new service, stated in the schema.
    one_of_required = ("hourly_rate", "starting_price")

    title = serializers.CharField(max_length=120, validators=[one_line])
    category = SlugLookupField(
        slug_field="slug",
        queryset=Category.objects.all(),
        help_text="The slug of a subcategory, e.g. `articles-news`.",
    )
    description = serializers.CharField(max_length=20_000, trim_whitespace=False)
    hourly_rate = AmountField(
        minimum=MIN_PRICE,
        maximum=MAX_HOURLY_RATE,
        help_text=f"Per hour, {MIN_PRICE} to {MAX_HOURLY_RATE:,}. Give an hourly rate, a "
        "starting price, or both.",
    )
    starting_price = AmountField(
        minimum=MIN_PRICE,
        maximum=MAX_PRICE,
        help_text=f"The least a project costs, {MIN_PRICE} to {MAX_PRICE:,}.",
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    engagement = serializers.ChoiceField(choices=EngagementKind.choices, required=False)
    skills = SkillNamesField()

    def to_form_value(self, name: str, value):
        if name == "skills":
            return ", ".join(value)
        return super().to_form_value(name, value)


class CategoryFacetSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    parent = serializers.SlugField(allow_null=True, help_text="The parent's slug, if any.")
    count = serializers.IntegerField(
        allow_null=True,
        help_text="Matching services (a top-level category counts its subcategories'); null "
        "when `count_exact` is false.",
    )


class SkillFacetSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    count = serializers.IntegerField(
        allow_null=True, help_text="Matching services; null when `count_exact` is false."
    )


class FacetsSerializer(serializers.Serializer):
    """Shapes `services.filters.Facets`: (category, count) and (skill, count) pairs."""

    categories = CategoryFacetSerializer(many=True)
    skills = SkillFacetSerializer(many=True, help_text="The most frequent skills, at most 20.")

    def to_representation(self, facets: Facets) -> dict:
        # A subcategory's parent is among the facets too (it counts its children): no query.
        slugs = {category.pk: category.slug for category, _ in facets.categories}
        return {
            "categories": [
                {
                    "slug": category.slug,
                    "name": category.name,
                    "parent": slugs.get(category.parent_id),
                    "count": count,
                }
                for category, count in facets.categories
            ],
            "skills": [
                {"slug": skill.slug, "name": skill.name, "count": count}
                for skill, count in facets.skills
            ],
        }


@extend_schema_serializer(many=False)
class ServicePageSerializer(serializers.Serializer):
    """One page of search results, with the facet counts of the results (documentation)."""

    count = serializers.IntegerField(
        help_text=f"Matching services; when more than {COUNTED_RESULTS:,} match, "
        f"{COUNTED_RESULTS:,} (see `count_exact`)."
    )
    count_exact = serializers.BooleanField(
        help_text=f"False when more than {COUNTED_RESULTS:,} services match: `count` is then a "
        "lower bound, and `facets` list the categories and skills of the first "
        f"{COUNTED_RESULTS:,} found, most frequent first, without counts (null)."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    corrected_query = serializers.CharField(
        allow_null=True,
        help_text="When `q` found nothing, the spelling-corrected query whose results these are.",
    )
    facets = FacetsSerializer()
    results = ServiceSerializer(many=True)
