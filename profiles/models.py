import functools
import operator
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef
from django.db.models.functions import Length, Lower, Trim
from django.urls import reverse
from django.utils import timezone

from languages.codes import CODE_MAX_LENGTH
from languages.levels import LEVEL_MAX_LENGTH, Level
from languages.names import pair_label
from languages.subjects import Subject
from marketplace.slugs import unique_slug
from money.currencies import Currency
from ratings.models import WritingAspectAverages
from uploads.storage import private_storage


class EngagementKind(models.TextChoices):
    """How a freelancer likes to work: the seed page's "$15/hr Ongoing"."""

    ONGOING = "ongoing", "Ongoing"
    ONE_OFF = "one_off", "One-off project"
    EITHER = "either", "Ongoing or one-off"


class SkillQuerySet(models.QuerySet):
    def get_or_create_by_name(self, name: str) -> "Skill":
        """Find a skill whatever its case and spacing, or create it with normalised spacing."""
        clean = Skill.normalise_name(name)
        existing = self.filter(name__iexact=clean).first()
        if existing:
            return existing
        # "C++" and "C#" slugify like "C": a new name gets a slug of its own, never another's.
        slug = unique_slug(clean, Skill.objects.all(), max_length=70)
        try:
            with transaction.atomic():
                return self.create(name=clean, slug=slug)
        except IntegrityError:
            # Someone created it a moment ago (the names are unique ignoring case).
            return self.get(name__iexact=clean)

    def from_names(self, names: list[str]) -> list["Skill"]:
        """The skills called `names` (any case or spacing), creating the missing ones.

        One query finds the existing skills; only new names cost a query each.
        """
        clean = [Skill.normalise_name(name) for name in names]
        existing = {
            skill.name.lower(): skill
            for skill in self.annotate(lower_name=Lower("name")).filter(
                lower_name__in=[name.lower() for name in clean]
            )
        }
        skills: list[Skill] = []
        for name in clean:
            skill = existing.get(name.lower()) or self.get_or_create_by_name(name)
            if skill not in skills:
                skills.append(skill)
        return skills


class Skill(models.Model):
    """A skill a freelancer lists under "Skills & Expertise" (e.g. "News Writing")."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_name_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:list") + f"?skill={self.slug}"

    @staticmethod
    def normalise_name(name: str) -> str:
        return re.sub(r"\s+", " ", name).strip()


class Availability(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    UNAVAILABLE = "unavailable", "Not taking new work"


# What a client looks for on a profile: a label for people, and the fields any one of which fills
# it. Profile.completeness() checks one profile; completeness_share() computes the same in SQL
# for many (search ranks by it, services.ranking).
COMPLETENESS_CHECKS: list[tuple[str, tuple[str, ...]]] = [
    ("a display name", ("display_name",)),
    ("a headline", ("headline",)),
    ("an About text", ("about",)),
    ("a location", ("location", "country")),
    ("an hourly rate", ("hourly_rate",)),
    ("skills", ("skills",)),
    ("an avatar", ("avatar",)),
    ("a banner image", ("banner",)),
    ("a resume", ("resume",)),
]


@dataclass(frozen=True)
class Completeness:
    """How much of a profile is filled in, and what is still missing (labels for people)."""

    percent: int
    missing: list[str]

    @property
    def is_complete(self) -> bool:
        return not self.missing


class ProfileQuerySet(models.QuerySet):
    def with_public_services(self):
        return self.filter(services__status="published").distinct()

    def featured(self):
        """Freelancers to show first: reviewed, with a published service, the most completed
        engagements first, then the best average."""
        # Services sit in a layer above profiles: reached through the reverse relation.
        services = self.model._meta.get_field("services").related_model.objects
        published = models.Exists(services.filter(owner=OuterRef("pk"), status="published"))
        return self.filter(published, review_count__gt=0).order_by(
            "-completed_engagement_count", "-rating_average", "-review_count", "pk"
        )

    def of(self, user) -> "Profile | None":
        """The user's freelancer profile, or None for clients and anonymous visitors.

        The one answer to "is this user a freelancer?" that costs exactly one query, whatever
        the user object has cached (`user.is_freelancer` asks the cached relation).
        """
        if not user.is_authenticated:
            return None
        return self.filter(user=user).first()


class Profile(WritingAspectAverages):
    """The public face of a freelancer. Clients who only hire have no profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    slug = models.SlugField(max_length=150, unique=True, help_text="Public URL name.")
    display_name = models.CharField(max_length=100)
    headline = models.CharField(max_length=160, blank=True)
    about = models.TextField("About", max_length=20_000, blank=True)
    location = models.CharField(max_length=100, blank=True, help_text="City or region.")
    country = models.CharField(max_length=60, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    avatar_thumbnail = models.ImageField(upload_to="avatars/", blank=True, editable=False)
    banner = models.ImageField(upload_to="banners/", blank=True)
    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency, default=Currency.USD)
    availability = models.CharField(
        max_length=20, choices=Availability, default=Availability.PART_TIME
    )
    engagement_preference = models.CharField(
        max_length=20, choices=EngagementKind, default=EngagementKind.ONGOING
    )
    resume = models.FileField(upload_to="resumes/", storage=private_storage, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="profiles")
    member_since = models.DateField(default=timezone.localdate)
    # Reputation across all services, kept current by reviews.reputation.
    review_count = models.PositiveIntegerField(default=0, editable=False)
    rating_average = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )
    # Kept current by engagements.transitions when an engagement completes.
    completed_engagement_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hourly_rate__gte=0) | models.Q(hourly_rate__isnull=True),
                name="profile_hourly_rate_not_negative",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("profiles:detail", kwargs={"slug": self.slug})

    def completeness(self) -> Completeness:
        """The share of the profile a client looks for that is filled in.

        Reads `skills.all()`: prefetch skills when showing this for many profiles.
        """
        missing = [
            label
            for label, fields in COMPLETENESS_CHECKS
            if not any(self._is_filled(field) for field in fields)
        ]
        filled = len(COMPLETENESS_CHECKS) - len(missing)
        return Completeness(percent=round(100 * filled / len(COMPLETENESS_CHECKS)), missing=missing)

    def _is_filled(self, field: str) -> bool:
        value = getattr(self, field)
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, models.Manager):
            return bool(value.all())
        return (
            bool(value) if isinstance(value, models.fields.files.FieldFile) else value is not None
        )


def completeness_share(prefix: str = "") -> models.Expression:
    """The share (0 to 1) of COMPLETENESS_CHECKS a profile fills, as an SQL expression;
    `prefix` reaches the profile from another model ("owner__" from a service)."""

    def filled(name: str) -> models.Q:
        field = Profile._meta.get_field(name)
        if field.many_to_many:
            links = field.remote_field.through.objects.filter(profile=OuterRef(f"{prefix}pk"))
            return models.Q(models.Exists(links))
        if isinstance(field, models.FileField):
            return ~models.Q(**{f"{prefix}{name}": ""})
        if isinstance(field, models.CharField | models.TextField):
            return models.Q(models.lookups.GreaterThan(Length(Trim(f"{prefix}{name}")), 0))
        return models.Q(**{f"{prefix}{name}__isnull": False})

    points = [
        models.Case(
            models.When(
                functools.reduce(operator.or_, [filled(name) for name in fields]),
                then=models.Value(1.0),
            ),
            default=models.Value(0.0),
        )
        for _, fields in COMPLETENESS_CHECKS
    ]
    return models.ExpressionWrapper(
        functools.reduce(operator.add, points) / len(points), output_field=models.FloatField()
    )


class ProfileRedirectQuerySet(models.QuerySet):
    def profile_renamed_from(self, old_slug: str) -> "Profile | None":
        renamed = self.filter(old_slug=old_slug).select_related("profile").first()
        return renamed.profile if renamed else None


class ProfileRedirect(models.Model):
    """An old slug of a freelancer who changed their name, so that shared links to their
    profile, resume and samples keep working (301)."""

    old_slug = models.SlugField(max_length=150, unique=True)
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProfileRedirectQuerySet.as_manager()

    def __str__(self):
        return f"{self.old_slug} -> {self.profile.slug}"


class ProfileLanguage(models.Model):
    """A language the freelancer speaks, with how well (native or a CEFR level)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    # An ISO 639 code (languages.codes); its name is shown in the page's language.
    language = models.CharField(max_length=CODE_MAX_LENGTH)
    level = models.CharField(max_length=LEVEL_MAX_LENGTH, choices=Level)

    class Meta:
        # Native first, then C2 down to A1: the order of Level's choices.
        ordering = [
            models.Case(
                *(models.When(level=level, then=at) for at, level in enumerate(Level.values)),
            ),
            "language",
        ]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="profile_language_unique"),
        ]
        # No index of its own for "native speakers of German": the search reads the services'
        # copy of their owner's native languages (Service.owner_native_languages).

    def __str__(self):
        return f"{self.language} ({self.level})"


class LanguagePair(models.Model):
    """A direction a translator works in (source → target), with their subject areas."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="language_pairs")
    source = models.CharField(max_length=CODE_MAX_LENGTH)
    target = models.CharField(max_length=CODE_MAX_LENGTH)
    # Codes of languages.subjects.Subject, in the order chosen.
    subjects = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["source", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "source", "target"], name="language_pair_unique"
            ),
            # A translation goes from one language into another.
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="language_pair_two_languages"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return pair_label(self.source, self.target)

    @property
    def key(self) -> str:
        """The pair as forms and the API write it: "de:en"."""
        return f"{self.source}:{self.target}"

    @property
    def subject_labels(self) -> list[str]:
        return [Subject(code).label for code in self.subjects if code in Subject.values]


class WritingSample(models.Model):
    """A piece of the freelancer's writing, optionally illustrating some of their services."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="writing_samples")
    services = models.ManyToManyField(
        "services.Service", blank=True, related_name="writing_samples"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220)
    body = models.TextField(max_length=100_000)
    original_url = models.URLField("original URL", blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Undated samples last on every database (PostgreSQL sorts NULLs first when descending).
        ordering = [models.F("published_on").desc(nulls_last=True), "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "slug"], name="sample_slug_unique_per_profile"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "profiles:sample", kwargs={"profile_slug": self.profile.slug, "slug": self.slug}
        )

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at 230 words a minute, never less than one."""
        return max(1, round(self.word_count / 230))
