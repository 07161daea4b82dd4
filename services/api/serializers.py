from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from languages.api.serializers import PairSerializer
from languages.names import language_name, pair_label
from marketplace.api.fields import PageURLField, SlugLookupField
from marketplace.api.form_serializers import FormSerializer
from marketplace.validators import one_line
from money.api.fields import AmountField, MoneyDisplayField
from money.currencies import Currency
from money.limits import (
    MAX_HOURLY_RATE,
    MAX_PRICE,
    MAX_QUOTE,
    MAX_WORD_RATE,
    MIN_PRICE,
    MIN_QUOTE,
    MIN_WORD_RATE,
    WORD_RATE_DECIMALS,
)
from profiles.api.serializers import ProfileRefSerializer, SkillNamesField, SkillSerializer
from profiles.languages import MAX_LANGUAGE_PAIRS
from profiles.models import EngagementKind
from ratings.api.serializers import SubRatingAveragesSerializer
from services.filters import COUNTED_RESULTS, LANGUAGE_FACETS, Facets
from services.forms import MAX_WORDS_PER_DAY, MIN_WORDS_PER_DAY, ServiceForm
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
    per_word_rate_display = MoneyDisplayField("per_word_rate", per_word=True)
    minimum_charge_display = MoneyDisplayField("minimum_charge")
    language_pairs = PairSerializer(
        source="pairs",
        many=True,
        read_only=True,
        help_text="The language pairs a translation service covers.",
    )
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
            "per_word_rate",
            "minimum_charge",
            "words_per_day",
            "per_word_rate_display",
            "minimum_charge_display",
            "language_pairs",
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
    # A pair as the form's checkbox value writes it.
    PAIR_PATTERN = r"^[a-z]{2}:[a-z]{2}$"
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
    per_word_rate = AmountField(
        minimum=MIN_WORD_RATE,
        maximum=MAX_WORD_RATE,
        decimal_places=WORD_RATE_DECIMALS,
        help_text=f"Per word, {MIN_WORD_RATE} to {MAX_WORD_RATE}, up to {WORD_RATE_DECIMALS} "
        "decimals; null for none. With it, clients get instant quotes from documents.",
    )
    minimum_charge = AmountField(
        minimum=MIN_QUOTE,
        maximum=MAX_QUOTE,
        help_text=f"The least an order priced by the word costs, {MIN_QUOTE} to {MAX_QUOTE:,}.",
    )
    words_per_day = serializers.IntegerField(
        min_value=MIN_WORDS_PER_DAY,
        max_value=MAX_WORDS_PER_DAY,
        required=False,
        allow_null=True,
        help_text="Words delivered a day, for a document quote's delivery estimate.",
    )
    language_pairs = serializers.ListField(
        child=serializers.RegexField(PAIR_PATTERN),
        required=False,
        max_length=MAX_LANGUAGE_PAIRS,
        help_text="Pairs the service covers, as `source:target` codes (`de:en`); each must be "
        "one of your profile's language pairs (`me_language_pairs_list`).",
    )

    def validate_language_pairs(self, keys: list[str]) -> list[str]:
        """A pair the profile does not offer names nothing the caller may use: a 404, as a
        slug of someone else's object, rather than a 400 for a value the schema allows."""
        owner = self.context.get("form_kwargs", {}).get("owner") or self.instance.owner
        offered = {pair.key for pair in owner.language_pairs.all()}
        unknown = [key for key in keys if key not in offered]
        if unknown:
            raise serializers.ValidationError(
                f"Your profile has no language pair {', '.join(unknown)}.", code="does_not_exist"
            )
        return keys

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


class PairFacetSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="ISO 639-1 code translated from.")
    target = serializers.CharField(help_text="ISO 639-1 code translated into.")
    label = serializers.CharField(help_text="As cards show it: “DE → EN”.")
    count = serializers.IntegerField(
        allow_null=True, help_text="Matching services; null when `count_exact` is false."
    )


class LanguageFacetSerializer(serializers.Serializer):
    language = serializers.CharField(help_text="ISO 639-1 code.")
    name = serializers.CharField()
    count = serializers.IntegerField(
        allow_null=True, help_text="Matching services; null when `count_exact` is false."
    )


class FacetsSerializer(serializers.Serializer):
    """Shapes `services.filters.Facets`: (category, count) and (skill, count) pairs, and the
    language pairs and languages."""

    categories = CategoryFacetSerializer(many=True)
    skills = SkillFacetSerializer(many=True, help_text="The most frequent skills, at most 20.")
    language_pairs = PairFacetSerializer(
        many=True, help_text=f"The most frequent language pairs, at most {LANGUAGE_FACETS}."
    )
    source_languages = LanguageFacetSerializer(
        many=True,
        help_text=f"The languages most translated from (`source`), at most {LANGUAGE_FACETS}.",
    )
    target_languages = LanguageFacetSerializer(
        many=True,
        help_text=f"The languages most translated into (`target`), at most {LANGUAGE_FACETS}.",
    )

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
            "language_pairs": [
                {"source": s, "target": t, "label": pair_label(s, t), "count": count}
                for s, t, count in facets.pairs
            ],
            "source_languages": [
                {"language": code, "name": language_name(code), "count": count}
                for code, count in facets.sources
            ],
            "target_languages": [
                {"language": code, "name": language_name(code), "count": count}
                for code, count in facets.targets
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
