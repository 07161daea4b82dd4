from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from languages.codes import CODE_MAX_LENGTH
from languages.names import Pair, pair_label, pairs_from_keys
from money.currencies import Currency
from profiles.models import EngagementKind
from ratings.aspects import ASPECTS, asks_sub_ratings
from ratings.models import WritingAspectAverages
from ratings.scores import PRIOR_MEAN
from services import package_limits as limits


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


class CategoryLanguageCount(models.Model):
    """How many of a category's own published services cover a language pair, or a language
    on one side, kept by services.counters beside the skill counts: the language facets of an
    unfiltered list or a category page read these rows.

    Both `source` and `target` set: services offering that pair. `target` blank: services
    translating from `source` (into anything); `source` blank: into `target`. A service with
    DE → EN and DE → FR counts once for "from German".
    """

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="language_counts")
    source = models.CharField(max_length=CODE_MAX_LENGTH, blank=True)
    target = models.CharField(max_length=CODE_MAX_LENGTH, blank=True)
    published_service_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "source", "target"], name="category_language_count_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source="", target=""), name="category_language_count_a_side"
            ),
        ]

    def __str__(self):
        return f"{self.category}: {self.source or '*'} → {self.target or '*'}"


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    PAUSED = "paused", "Paused"


# The columns drawing a service card reads: service_card.html, services/covers.py (the
# top-level category's slug) and the saved-search alerts. Drawing twenty cards builds eighty
# model instances from them (services with owner, category and parent), so the other columns
# (the long texts, the sub-ratings, the counters) stay in the database: 8-13 % less CPU per
# list page (bench/README.md, issue 28). A column read that is not here costs a query per
# card, which the query-count tests of the lists catch.
CARD_FIELDS = (
    "slug",
    "title",
    "status",
    "review_count",
    "rating_average",
    "hourly_rate",
    "starting_price",
    "package_price_from",
    "per_word_rate",
    "language_pair_keys",
    "currency",
    "owner__slug",
    "owner__display_name",
    "owner__avatar",
    "owner__avatar_thumbnail",
    "owner__banner",
    "category__slug",
    "category__name",
    "category__parent__slug",
    "category__parent__name",
)
# Every value a service card shows, the primary key first: a cached card's key is their digest
# (services/cards.py), and a list reads them as rows to find its cached cards.
CARD_COLUMNS = (
    "pk",
    "slug",
    "title",
    "review_count",
    "rating_average",
    "hourly_rate",
    "starting_price",
    "package_price_from",  # "Starting at" the cheapest package
    "per_word_rate",
    "language_pair_keys",
    "currency",
    "category_id",
    "category__name",
    "category__parent_id",
    "owner__display_name",
    "owner__avatar",
    "owner__avatar_thumbnail",
    "owner__banner",
)


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
        # parent would scan every service. A kept category (services.categories) has them.
        children = getattr(category, "subcategory_ids", None)
        if children is None:
            children = list(category.children.values_list("pk", flat=True))
        return self.filter(category__in=[category.pk, *children])

    def with_relations(self):
        """Each service with its owner and its category's path, for pages that name them.

        The search vector is never read back, and at 100,000 rows it is a heavy column.
        """
        return self.select_related("owner", "category", "category__parent").defer("search_vector")

    def card_rows(self):
        """What the cards of these services show, as rows rather than services (services/cards.py
        draws cached cards from rows, loading services only for the cards it draws)."""
        return self.values_list(*CARD_COLUMNS, named=True)

    def for_cards(self):
        """What a service card on a page shows (`CARD_FIELDS`), and nothing more."""
        return self.select_related("owner", "category", "category__parent").only(*CARD_FIELDS)

    def for_offers(self):
        """Cards with their writing sub-ratings: a profile's services, which its structured
        data rates one by one (profiles.structured_data)."""
        aspect_fields = [f for a in ASPECTS for f in (a.average_field, a.count_field)]
        return self.for_cards().only(*CARD_FIELDS, *aspect_fields)

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
    # Writers' and translators' terms (optional): a price per word, the least an order costs,
    # and how many words a day they deliver (the quote's delivery estimate).
    per_word_rate = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    minimum_charge = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    words_per_day = models.PositiveIntegerField(null=True, blank=True)
    # The keys of its ServiceLanguagePair rows ("de:en fr:en"), kept by services.editing, so
    # that cards and the API show the pairs without a query per list.
    language_pair_keys = models.CharField(max_length=400, blank=True, editable=False)
    # The owner's native languages (" de en ", languages.codes.spaced_codes), kept by
    # profiles.languages and create_service, so that the native-language filter reads this row
    # (and service_per_word_score) instead of the owner's languages.
    owner_native_languages = models.CharField(
        max_length=100, blank=True, default="", editable=False
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
    # The cheapest and the fastest of its packages (None without packages), kept by
    # services.packages whenever a package changes: cards, search and the API read these.
    package_price_from = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, editable=False
    )
    fastest_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

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
            # Services priced by the word, best rated first: a per-word rate filter
            # (`max_word_rate=0.2`) walks these few instead of every published service (at
            # 100,000 services, with "native German" too: 4,349 rows read -> 284, 14 ms -> 1 ms),
            # from the index alone: it holds the rate, currency and owner's native languages
            # that the filters test on each row it walks (2.3 ms -> 0.7 ms; with the native
            # languages here rather than joined from the owner's, 0.6 ms -> 0.04 ms).
            models.Index(
                fields=["-rating_score", "-review_count", "-id"],
                name="service_per_word_score",
                condition=models.Q(status=ServiceStatus.PUBLISHED)
                & models.Q(per_word_rate__isnull=False),
                include=["per_word_rate", "currency", "owner", "owner_native_languages"],
            ),
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
            models.CheckConstraint(
                condition=models.Q(per_word_rate__gte=0) | models.Q(per_word_rate__isnull=True),
                name="service_per_word_rate_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_charge__gte=0) | models.Q(minimum_charge__isnull=True),
                name="service_minimum_charge_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(words_per_day__gt=0) | models.Q(words_per_day__isnull=True),
                name="service_words_per_day_positive",
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

    @property
    def pairs(self) -> list[Pair]:
        """The language pairs it covers, from the stored keys (no query)."""
        return pairs_from_keys(self.language_pair_keys)

    @property
    def quotes_documents(self) -> bool:
        """Whether a client can price a document here: the service has a per-word rate."""
        return self.per_word_rate is not None

    @property
    def shown_starting_price(self):
        """ "Starting at": the cheapest package when there are packages, else the freelancer's
        own starting price (None for hourly work only)."""
        if self.package_price_from is not None:
            return self.package_price_from
        return self.starting_price

    @property
    def sells_packages(self) -> bool:
        return self.package_price_from is not None


class ServiceLanguagePair(models.Model):
    """A language pair a translation service covers, one of its freelancer's pairs when it
    was chosen (services.editing); stored with the service so that search filters on it."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="language_pairs")
    source = models.CharField(max_length=CODE_MAX_LENGTH)
    target = models.CharField(max_length=CODE_MAX_LENGTH)
    # Copies of the service's "best rated" keys, written with them by reviews.reputation, so
    # that a pair's twenty best services are one range of the pair's index: sorting every
    # service with the pair grows with the catalogue (3,000 DE -> EN at 1,000,000 services).
    rating_score = models.FloatField(default=PRIOR_MEAN, editable=False)
    review_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["source", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "source", "target"], name="service_language_pair_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="service_language_pair_two_languages",
            ),
        ]
        indexes = [
            # The search's `source`/`target` filters: a pair's services best rated first (the
            # default sort), or every service with a pair, by index.
            models.Index(
                fields=["source", "target", "-rating_score", "-review_count", "-service"],
                name="service_pair_best_rated",
            ),
            models.Index(fields=["target", "service"], name="service_pair_target"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return pair_label(self.source, self.target)

    @property
    def key(self) -> str:
        return f"{self.source}:{self.target}"


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


class PackageTier(models.IntegerChoices):
    BASIC = 1, "Basic"
    STANDARD = 2, "Standard"
    PREMIUM = 3, "Premium"


# The tiers as the API names them: "basic", "standard", "premium".
TIER_BY_NAME = {tier.label.lower(): tier for tier in PackageTier}


def _price_validators(minimum, maximum) -> list:
    return [
        MinValueValidator(minimum, message=f"Enter a price of at least {minimum}."),
        MaxValueValidator(maximum, message=f"Enter a price of at most {maximum:,}."),
    ]


def _range_validators(minimum: int, maximum: int, what: str) -> list:
    return [
        MinValueValidator(minimum, message=f"Enter at least {minimum:,} {what}."),
        MaxValueValidator(maximum, message=f"Enter at most {maximum:,} {what}."),
    ]


class ServicePackage(models.Model):
    """One tier of a service sold in one step: a price, a delivery time, revision rounds and
    what is included. Orders keep a copy of what they bought, so editing a package never
    changes an order already placed."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="packages")
    tier = models.PositiveSmallIntegerField(choices=PackageTier)
    name = models.CharField(max_length=limits.PACKAGE_NAME_MAX_LENGTH)
    description = models.CharField(max_length=limits.PACKAGE_DESCRIPTION_MAX_LENGTH)
    price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=_price_validators(limits.PACKAGE_MIN_PRICE, limits.PACKAGE_MAX_PRICE),
    )
    delivery_days = models.PositiveSmallIntegerField(
        validators=_range_validators(limits.MIN_DELIVERY_DAYS, limits.MAX_DELIVERY_DAYS, "days")
    )
    revisions = models.PositiveSmallIntegerField(
        default=1,
        validators=_range_validators(0, limits.MAX_PACKAGE_REVISIONS, "revisions"),
    )
    word_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=_range_validators(limits.MIN_WORD_COUNT, limits.MAX_WORD_COUNT, "words"),
    )

    class Meta:
        ordering = ["service", "tier"]
        constraints = [
            models.UniqueConstraint(fields=["service", "tier"], name="package_one_per_tier"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="package_price_positive"),
            models.CheckConstraint(
                condition=models.Q(delivery_days__gte=limits.MIN_DELIVERY_DAYS),
                name="package_delivery_days_positive",
            ),
        ]

    def __str__(self):
        return f"{self.get_tier_display()}: {self.name}"

    @property
    def currency(self) -> str:
        return self.service.currency


class ServiceAddOn(models.Model):
    """An extra a client may add to any package ("delivery in 24 hours", "proofreading")."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="add_ons")
    name = models.CharField(max_length=limits.ADD_ON_NAME_MAX_LENGTH)
    price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=_price_validators(limits.ADD_ON_MIN_PRICE, limits.ADD_ON_MAX_PRICE),
    )
    extra_days = models.PositiveSmallIntegerField(
        default=0,
        validators=_range_validators(0, limits.MAX_ADD_ON_EXTRA_DAYS, "extra days"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="add_on_price_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def currency(self) -> str:
        return self.service.currency


class QuestionKind(models.TextChoices):
    TEXT = "text", "Free text"
    CHOICE = "choice", "Multiple choice"
    FILE = "file", "A file to upload"


class RequirementQuestion(models.Model):
    """What the freelancer needs to know before starting; the client answers after paying,
    and the delivery clock starts then."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=limits.QUESTION_TEXT_MAX_LENGTH)
    kind = models.CharField(max_length=10, choices=QuestionKind, default=QuestionKind.TEXT)
    # Multiple choice: the options, one per line.
    options = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "id"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.kind != QuestionKind.CHOICE:
            self.options = ""
            return
        options = self.option_list
        if not 2 <= len(options) <= limits.MAX_QUESTION_OPTIONS:
            raise ValidationError(
                {
                    "options": f"Give between 2 and {limits.MAX_QUESTION_OPTIONS} options, "
                    "one per line."
                },
                code="options_count",
            )
        if any(len(option) > limits.QUESTION_OPTION_MAX_LENGTH for option in options):
            raise ValidationError(
                {
                    "options": "Keep each option to at most "
                    f"{limits.QUESTION_OPTION_MAX_LENGTH} characters."
                },
                code="option_length",
            )
        self.options = "\n".join(options)

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
