from django.core.validators import RegexValidator
from django.utils.encoding import iri_to_uri
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from languages.api.serializers import (
    LANGUAGE_CODES,
    PairWithSubjectsSerializer,
    SpokenLanguageSerializer,
)
from languages.levels import Level
from languages.subjects import Subject
from marketplace.api.fields import PageURLField, RedirectingSlugField
from marketplace.api.form_serializers import FormSerializer
from marketplace.validators import (
    CONTROL,
    NO_MARKUP,
    ONE_LINE_PATTERN,
    WHITESPACE,
    one_line,
    web_address,
)
from money.api.fields import AmountField, MoneyDisplayField
from money.currencies import Currency
from money.limits import MAX_HOURLY_RATE, MIN_PRICE
from profiles.forms import (
    MAX_SKILL_NAME_LENGTH,
    MAX_SKILLS,
    AvatarForm,
    BannerForm,
    LanguagePairForm,
    ProfileForm,
    ProfileLanguageForm,
    ResumeForm,
    WritingSampleForm,
)
from profiles.models import Availability, EngagementKind, Profile, Skill, WritingSample
from ratings.api.serializers import SubRatingAveragesSerializer
from uploads.images import ALLOWED_FORMATS, AVATAR_SIZE, BANNER_MAX_WIDTH
from uploads.limits import MAX_UPLOAD_BYTES


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["slug", "name"]


# The page's form reads skills as comma-separated text; a comma would split the name.
NO_COMMA = RegexValidator(
    ONE_LINE_PATTERN.replace(f"[^{CONTROL}]", f"[^,{CONTROL}]"),
    "A skill name is a single line of text, without commas.",
)
# What the form keeps as a skill, stated for the schema: once stripped, 1 to the most
# characters, none a comma or a control character, nothing like a tag, and a letter or digit
# that its slug keeps (an ASCII one: "é" counts on the server too, but a schema cannot say so).
SKILL_NAME_PATTERN = (
    rf"^(?=[\s\S]*[A-Za-z0-9]){NO_MARKUP}[{WHITESPACE}]*[^{WHITESPACE},{CONTROL}]"
    rf"(?:[^,{CONTROL}]{{0,{MAX_SKILL_NAME_LENGTH - 2}}}[^{WHITESPACE},{CONTROL}])?"
    rf"[{WHITESPACE}]*$"
)


@extend_schema_field({"type": "string", "pattern": SKILL_NAME_PATTERN})
class SkillNameField(serializers.CharField):
    """One skill's name. Its length is counted once stripped, which the pattern states; a
    `max_length` would be published as a `maxLength` of the unstripped text."""

    def __init__(self, **kwargs):
        super().__init__(validators=[NO_COMMA, _at_most_a_skill_long], **kwargs)


def _at_most_a_skill_long(name: str) -> None:
    if len(name) > MAX_SKILL_NAME_LENGTH:
        raise serializers.ValidationError(
            f"Ensure this field has no more than {MAX_SKILL_NAME_LENGTH} characters.",
            code="max_length",
        )


class SkillNamesField(serializers.ListField):
    """Skills as a list of names; unknown names become new skills when saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            f'Skill names, e.g. ["News Writing", "Copy Editing"]: at most {MAX_SKILLS}, each '
            f"under {MAX_SKILL_NAME_LENGTH} characters and with a letter or digit (A to Z, 0 "
            "to 9, or a letter written with one, such as é). New names become new skills; "
            "empty ones are skipped.",
        )
        super().__init__(
            child=SkillNameField(),
            max_length=MAX_SKILLS,
            **kwargs,
        )


# What the upload forms accept, in words, from the limits they apply.
_FORMAT_NAMES = [{"WEBP": "WebP"}.get(name, name) for name in ALLOWED_FORMATS]
IMAGE_RULES = (
    f"{', '.join(_FORMAT_NAMES[:-1])} or {_FORMAT_NAMES[-1]}, "
    f"at most {MAX_UPLOAD_BYTES // 2**20} MB"
)
RESUME_RULES = f"A PDF of at most {MAX_UPLOAD_BYTES // 2**20} MB"


class ProfileRefSerializer(serializers.ModelSerializer):
    """A freelancer as a service card names them."""

    url = serializers.HyperlinkedIdentityField(view_name="api:profile-detail", lookup_field="slug")
    avatar_thumbnail = serializers.ImageField(read_only=True, allow_null=True)

    class Meta:
        model = Profile
        fields = ["url", "slug", "display_name", "avatar_thumbnail"]


class ProfileSerializer(serializers.ModelSerializer):
    """The public profile: what its page shows, never an email or other private data."""

    url = serializers.HyperlinkedIdentityField(view_name="api:profile-detail", lookup_field="slug")
    page_url = PageURLField()
    avatar = serializers.ImageField(read_only=True, allow_null=True)
    avatar_thumbnail = serializers.ImageField(read_only=True, allow_null=True)
    banner = serializers.ImageField(read_only=True, allow_null=True)
    resume_url = serializers.SerializerMethodField(
        help_text="Where to download the resume (a PDF), or null when there is none."
    )
    skills = SkillSerializer(many=True, read_only=True)
    languages = SpokenLanguageSerializer(
        many=True, read_only=True, help_text="Languages spoken, native first."
    )
    language_pairs = PairWithSubjectsSerializer(
        many=True, read_only=True, help_text="The directions the freelancer translates in."
    )
    hourly_rate_display = MoneyDisplayField("hourly_rate", per_hour=True)
    sub_ratings = SubRatingAveragesSerializer(
        source="*",
        read_only=True,
        help_text="Writing sub-ratings across all services: each aspect's average and count.",
    )

    class Meta:
        model = Profile
        fields = [
            "url",
            "page_url",
            "slug",
            "display_name",
            "headline",
            "about",
            "location",
            "country",
            "hourly_rate",
            "currency",
            "hourly_rate_display",
            "availability",
            "engagement_preference",
            "skills",
            "languages",
            "language_pairs",
            "avatar",
            "avatar_thumbnail",
            "banner",
            "resume_url",
            "member_since",
            "review_count",
            "rating_average",
            "sub_ratings",
            "completed_engagement_count",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_resume_url(self, profile: Profile) -> str | None:
        if not profile.resume:
            return None
        return reverse(
            "api:profile-resume", kwargs={"slug": profile.slug}, request=self.context.get("request")
        )


class CompletenessSerializer(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    missing = serializers.ListField(
        child=serializers.CharField(), help_text="What is still missing, in words."
    )


class OwnProfileSerializer(ProfileSerializer):
    """The signed-in freelancer's profile: the public one, their email and what is missing."""

    email = serializers.EmailField(source="user.email", read_only=True)
    completeness = CompletenessSerializer(read_only=True)

    class Meta(ProfileSerializer.Meta):
        fields = [*ProfileSerializer.Meta.fields, "email", "completeness"]
        read_only_fields = fields


class ProfileUpdateSerializer(FormSerializer):
    """What a freelancer edits about themselves, with the profile page form's rules."""

    form_class = ProfileForm
    form_field_names = {"skills": "skill_names"}

    display_name = serializers.CharField(max_length=100, required=False, validators=[one_line])
    headline = serializers.CharField(
        max_length=160, required=False, allow_blank=True, validators=[one_line]
    )
    about = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, trim_whitespace=False
    )
    location = serializers.CharField(
        max_length=100, required=False, allow_blank=True, validators=[one_line]
    )
    country = serializers.CharField(
        max_length=60, required=False, allow_blank=True, validators=[one_line]
    )
    hourly_rate = AmountField(
        minimum=MIN_PRICE,
        maximum=MAX_HOURLY_RATE,
        help_text=f"Default hourly rate, {MIN_PRICE} to {MAX_HOURLY_RATE:,}; null for none.",
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    availability = serializers.ChoiceField(choices=Availability.choices, required=False)
    engagement_preference = serializers.ChoiceField(choices=EngagementKind.choices, required=False)
    skills = SkillNamesField()

    def to_form_value(self, name: str, value):
        if name == "skills":
            return ", ".join(value)
        return super().to_form_value(name, value)


class AvatarUploadSerializer(FormSerializer):
    form_class = AvatarForm
    avatar = serializers.FileField(
        help_text=f"{IMAGE_RULES}; stored square, {AVATAR_SIZE} × {AVATAR_SIZE} pixels."
    )


class BannerUploadSerializer(FormSerializer):
    form_class = BannerForm
    banner = serializers.FileField(
        help_text=f"{IMAGE_RULES}; stored at most {BANNER_MAX_WIDTH} pixels wide."
    )


class ResumeUploadSerializer(FormSerializer):
    form_class = ResumeForm
    resume = serializers.FileField(help_text=f"{RESUME_RULES}.")


class ServiceRefSerializer(serializers.Serializer):
    """A service a sample illustrates (the services app, above this one, owns the model)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:service-detail", lookup_field="slug")
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)


class WritingSampleSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    page_url = PageURLField()
    profile = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    services = ServiceRefSerializer(
        many=True, read_only=True, help_text="Published services this sample illustrates."
    )
    original_url = serializers.SerializerMethodField(
        help_text="Where it first appeared; null when it was not published online."
    )
    word_count = serializers.IntegerField(read_only=True)
    reading_minutes = serializers.IntegerField(read_only=True)

    class Meta:
        model = WritingSample
        fields = [
            "url",
            "page_url",
            "slug",
            "profile",
            "title",
            "body",
            "original_url",
            "published_on",
            "services",
            "word_count",
            "reading_minutes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_original_url(self, sample: WritingSample) -> str | None:
        # Rows saved before addresses were stored encoded may still hold an IRI.
        return iri_to_uri(sample.original_url) or None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, sample: WritingSample) -> str:
        return reverse(
            "api:sample-detail",
            kwargs={"profile_slug": sample.profile.slug, "slug": sample.slug},
            request=self.context.get("request"),
        )


class _OwnServiceField(RedirectingSlugField):
    """A service of the profile the sample belongs to, by slug."""

    def get_queryset(self):
        return self.context["form_kwargs"]["profile"].services.all()


class WritingSampleWriteSerializer(FormSerializer):
    """A sample, with the dashboard form's rules; `services` only takes the author's own."""

    form_class = WritingSampleForm

    title = serializers.CharField(max_length=200, validators=[one_line])
    body = serializers.CharField(max_length=100_000, trim_whitespace=False)
    original_url = serializers.URLField(
        max_length=200, required=False, allow_blank=True, validators=[web_address]
    )
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text="Not in the future."
    )
    services = serializers.ListField(
        child=_OwnServiceField(),
        required=False,
        max_length=200,
        help_text="Slugs of the author's services that show this sample.",
    )


def language_code_field(**kwargs) -> serializers.ChoiceField:
    """An ISO 639-1 code that CLDR names (the pages also take a language's name)."""
    return serializers.ChoiceField(choices=LANGUAGE_CODES, **kwargs)


class ProfileLanguageWriteSerializer(FormSerializer):
    """A language to list, with the dashboard form's rules."""

    form_class = ProfileLanguageForm

    language = language_code_field(help_text="ISO 639-1 code, e.g. `de`.")
    level = serializers.ChoiceField(choices=Level.choices)


class LanguagePairWriteSerializer(FormSerializer):
    """A language pair to list, with the dashboard form's rules."""

    form_class = LanguagePairForm

    source = language_code_field(help_text="The language translated from (ISO 639-1).")
    target = language_code_field(
        help_text="The language translated into (ISO 639-1); not the same as `source`."
    )
    subjects = serializers.ListField(
        child=serializers.ChoiceField(choices=Subject.choices),
        required=False,
        max_length=len(Subject.choices),
        help_text="Subject areas, any of the listed codes.",
    )
