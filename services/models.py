from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from money.currencies import Currency
from profiles.models import EngagementKind
from ratings.aspects import ASPECTS, asks_sub_ratings
from ratings.models import WritingAspectAverages
from ratings.scores import PRIOR_MEAN


class CategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def leaves(self):
        return self.filter(parent__isnull=False)

    def tree(self) -> list["Category"]:
        """Top-level categories, each with `subcategories` (a list) and `service_count`.

        A parent's count includes its subcategories' services, as its page lists them. Counts
        are the categories' stored counters (services.counters): no query over the services.
        """
        categories = list(self)
        for category in categories:
            category.service_count = category.published_service_count
        roots = [category for category in categories if category.parent_id is None]
        for root in roots:
            root.subcategories = [c for c in categories if c.parent_id == root.pk]
            root.service_count += sum(child.service_count for child in root.subcategories)
        return roots


class Category(models.Model):
    """A two-level tree: "Writing & Translation" > "Articles & News".

    Services hang on leaf categories; a top-level category lists its children's services.
    """

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=90, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Its own published services (not its children's), kept by services.counters.
    published_service_count = models.PositiveIntegerField(default=0, editable=False)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="category_name_unique_in_parent"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="category_not_own_parent"
            ),
        ]

    def __str__(self):
        # The breadcrumbs' separator, so that a category reads the same everywhere.
        return f"{self.parent} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("services:category", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": "Categories have two levels: pick a top-level parent."}, code="depth"
            )

    @property
    def is_leaf(self) -> bool:
        return self.parent_id is not None

    @property
    def asks_sub_ratings(self) -> bool:
        """Whether reviews here rate the writing aspects (ratings.aspects); reads `parent`."""
        return asks_sub_ratings(self)


class CategorySkillCount(models.Model):
    """How many of a category's own published services list a skill, kept by
    services.counters: the skill facet of an unfiltered list or a category page reads these
    rows instead of grouping every service-skill row (4 million at 1,000,000 services)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="skill_counts")
    skill = models.ForeignKey("profiles.Skill", on_delete=models.CASCADE, related_name="+")
    published_service_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "skill"], name="category_skill_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.category}: {self.skill} ({self.published_service_count})"


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    PAUSED = "paused", "Paused"


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ServiceStatus.PUBLISHED)

    def owned_by(self, user):
        """The services of the user's profile (none for anonymous visitors and clients)."""
        return self.filter(owner__user=user) if user.is_authenticated else self.none()

    def visible_to(self, user):
        """Published services, plus every service of the signed-in freelancer."""
        if user.is_authenticated:
            return self.filter(
                models.Q(status=ServiceStatus.PUBLISHED) | models.Q(owner__user=user)
            )
        return self.published()

    def in_category(self, category: Category):
        """Services of a leaf category, or of all children of a top-level one."""
        if category.is_leaf:
            return self.filter(category=category)
        # A literal list of ids lets the (category, status) index answer, where a join on the
        # parent would scan every service.
        children = list(category.children.values_list("pk", flat=True))
        return self.filter(category__in=[category.pk, *children])

    def with_relations(self):
        """Each service with its owner and its category's path, for pages that name them.

        The search vector is never read back, and at 100,000 rows it is a heavy column.
        """
        return self.select_related("owner", "category", "category__parent").defer("search_vector")

    def for_cards(self):
        """What a service card on a page shows; the long texts it leaves out stay in the
        database."""
        return self.with_relations().defer("description", "owner__about")

    def for_api(self):
        """What the API's service representation reads (`ServiceSerializer`): the card's
        relations, the description and the skills, in a constant number of queries."""
        return self.with_relations().prefetch_related("skills")

    def best_rated(self):
        """Reviewed services, highest damped score first (see ratings.scores)."""
        return self.filter(review_count__gt=0).order_by("-rating_score", "-review_count", "-pk")


class Service(WritingAspectAverages):
    """A listing a freelancer offers, priced per hour, from a starting price, or both.

    Its writing sub-ratings' averages and counts are `WritingAspectAverages`' columns.
    """

    owner = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="services")
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="services")
    description = models.TextField(max_length=20_000)
    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    starting_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency, default=Currency.USD)
    engagement = models.CharField(
        max_length=20, choices=EngagementKind, default=EngagementKind.ONGOING
    )
    skills = models.ManyToManyField("profiles.Skill", blank=True, related_name="services")
    status = models.CharField(
        max_length=10, choices=ServiceStatus, default=ServiceStatus.DRAFT, db_index=True
    )
    # Kept current by services.search (title, skills, category names, description).
    search_vector = SearchVectorField(null=True, editable=False)
    # Reputation, kept current by reviews.reputation in the same transaction as reviews change.
    review_count = models.PositiveIntegerField(default=0, editable=False)
    rating_average = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )
    # Damped average for "best rated"; a service without reviews sits at the prior mean.
    rating_score = models.FloatField(default=PRIOR_MEAN, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When it was first published (services.publishing): what search alerts call "new".
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["category", "status"], name="service_category_status"),
            models.Index(fields=["owner", "status"], name="service_owner_status"),
            # The sorts of the lists, each with its tie-breakers, so a page is an index range.
            models.Index(
                fields=["status", "-rating_score", "-review_count", "-id"],
                name="service_status_score",
            ),
            models.Index(fields=["status", "hourly_rate", "id"], name="service_status_rate"),
            # Highest rate first (services without a rate last) has an index on PostgreSQL only,
            # made by migration 0007: SQLite has no NULLS LAST in an index.
            models.Index(fields=["status", "-created_at", "-id"], name="service_status_newest"),
            # A leaf category's page, best rated first (the default): a range of this index,
            # where the sort index above would be walked past every other category's services.
            models.Index(
                fields=["category", "-rating_score", "-review_count", "-id"],
                name="service_category_score",
                condition=models.Q(status=ServiceStatus.PUBLISHED),
            ),
            # A minimum per writing aspect (`min_deadlines=4.5`): the facet counts of a search
            # read these instead of every service (at 100,000 services, 340 ms -> 50 ms). Only
            # published services rated on the aspect are in each, so each stays small.
            *[
                models.Index(
                    fields=[aspect.average_field, "category"],
                    name=f"service_published_{aspect.key}",
                    condition=models.Q(status=ServiceStatus.PUBLISHED)
                    & models.Q(**{f"{aspect.average_field}__isnull": False}),
                )
                for aspect in ASPECTS
            ],
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hourly_rate__isnull=False)
                | models.Q(starting_price__isnull=False),
                name="service_has_a_price",
            ),
            models.CheckConstraint(
                condition=models.Q(hourly_rate__gte=0) | models.Q(hourly_rate__isnull=True),
                name="service_hourly_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(starting_price__gte=0) | models.Q(starting_price__isnull=True),
                name="service_starting_price_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ServiceStatus.PUBLISHED

    def is_owned_by(self, user) -> bool:
        """Whether the user is the freelancer who offers it (reads `owner`)."""
        return user.is_authenticated and self.owner.user_id == user.pk

    def is_visible_to(self, user) -> bool:
        return self.is_published or self.is_owned_by(user)


class ServiceRedirectQuerySet(models.QuerySet):
    def service_renamed_from(self, old_slug: str, *, user) -> Service | None:
        """The service once at `old_slug`, if `user` may see it; None otherwise."""
        renamed = (
            self.filter(old_slug=old_slug, service__in=Service.objects.visible_to(user))
            .select_related("service")
            .first()
        )
        return renamed.service if renamed else None


class ServiceRedirect(models.Model):
    """An old slug of a renamed service, so that shared links keep working (301)."""

    old_slug = models.SlugField(max_length=140, unique=True)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ServiceRedirectQuerySet.as_manager()

    def __str__(self):
        return f"{self.old_slug} -> {self.service.slug}"
