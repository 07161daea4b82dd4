import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

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
        checks = [
            ("a display name", bool(self.display_name.strip())),
            ("a headline", bool(self.headline.strip())),
            ("an About text", bool(self.about.strip())),
            ("a location", bool(self.location.strip() or self.country.strip())),
            ("an hourly rate", self.hourly_rate is not None),
            ("skills", bool(self.skills.all())),
            ("an avatar", bool(self.avatar)),
            ("a banner image", bool(self.banner)),
            ("a resume", bool(self.resume)),
        ]
        missing = [label for label, done in checks if not done]
        return Completeness(
            percent=round(100 * (len(checks) - len(missing)) / len(checks)), missing=missing
        )


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
