"""Sub-ratings for writing work: the one list of aspects a client may rate besides the stars.

Everything about sub-ratings is driven from `ASPECTS`: the stored averages and counts and their
SQL (reviews.reputation), the review form and the API's fields, the search filters
(services.filters), the breakdown on pages and the JSON-LD `reviewAspect` ratings. The columns
are written out in the model bodies (`Review.accuracy_rating`, `WritingAspectAverages`), each
made by the factory below, and a test checks that they match `ASPECTS`: adding an aspect is a
new constant here, its columns in those bodies, and makemigrations.

A review of a service in the Writing & Translation tree must rate every aspect (a writing
client can judge each one); elsewhere they are optional. They belong to the client's review of
the freelancer only.

Models import this module, so it imports no model.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# The top-level category whose services (itself and its subcategories) ask for sub-ratings.
WRITING_CATEGORY_SLUG = "writing-translation"
WRITING_CATEGORY_NAME = "Writing & Translation"
SUB_RATING_MIN = 1
SUB_RATING_MAX = 5


@dataclass(frozen=True)
class Aspect:
    key: str
    label: str
    help_text: str

    @property
    def rating_field(self) -> str:
        """The review's column (and the form's and API's field) for this aspect's stars."""
        return f"{self.key}_rating"

    @property
    def average_field(self) -> str:
        """The stored average on services and profiles (two decimals, None before a rating)."""
        return f"{self.key}_average"

    @property
    def count_field(self) -> str:
        """The stored number of visible reviews that rate this aspect."""
        return f"{self.key}_count"

    @property
    def filter_name(self) -> str:
        """The search filter's query parameter: `min_deadlines=4.5`, like `min_rating`."""
        return f"min_{self.key}"


ACCURACY = Aspect(
    key="accuracy",
    label="Accuracy and sourcing",
    help_text="Facts were right and claims were backed by sources you could check.",
)
BRIEF = Aspect(
    key="brief",
    label="Following the brief",
    help_text="The work did what you asked: scope, length, audience and format.",
)
VOICE = Aspect(
    key="voice",
    label="Voice and style",
    help_text="The tone and style suited your readers and your brand.",
)
DEADLINES = Aspect(
    key="deadlines",
    label="Meeting deadlines",
    help_text="Drafts and the final work arrived when agreed.",
)
ASPECTS: tuple[Aspect, ...] = (ACCURACY, BRIEF, VOICE, DEADLINES)


def asks_sub_ratings(category) -> bool:
    """Whether reviews of services in `category` (a leaf, with its parent) require sub-ratings.

    Reads `category.parent`: select it with the category.
    """
    if category is None:
        return False
    root = category.parent if category.parent_id else category
    return root.slug == WRITING_CATEGORY_SLUG


def sub_ratings_required(*, category, review=None) -> bool:
    """Whether the review form requires every sub-rating.

    A new review of a writing service must rate each aspect. Editing keeps the rule the review
    was written under: one written before the aspects existed (it rates none) may still be
    edited without them, so an old client's small correction is not refused.
    """
    if not asks_sub_ratings(category):
        return False
    if review is None:
        return True
    return any(getattr(review, aspect.rating_field) is not None for aspect in ASPECTS)


@dataclass(frozen=True)
class AspectSummary:
    """One aspect's stored average and count on a service or a profile, as pages show it."""

    aspect: Aspect
    average: Decimal | None
    count: int

    @property
    def percent(self) -> int:
        """The average as a share of the top of the scale, for the bar's length."""
        return round(100 * self.average / SUB_RATING_MAX) if self.average is not None else 0


def aspect_summaries(rated) -> list[AspectSummary]:
    """The stored per-aspect figures of a service or a profile; empty when none is rated."""
    summaries = [
        AspectSummary(
            aspect=aspect,
            average=getattr(rated, aspect.average_field),
            count=getattr(rated, aspect.count_field),
        )
        for aspect in ASPECTS
    ]
    return summaries if any(summary.count for summary in summaries) else []


def rating_column(aspect: Aspect) -> models.PositiveSmallIntegerField:
    """A review's column for one aspect: 1 to 5 stars, or null when not rated."""
    return models.PositiveSmallIntegerField(
        aspect.label,
        null=True,
        blank=True,
        help_text=aspect.help_text,
        validators=[MinValueValidator(SUB_RATING_MIN), MaxValueValidator(SUB_RATING_MAX)],
    )


def sub_rating_constraints(prefix: str) -> list[models.CheckConstraint]:
    """The database's guarantee for each aspect's column: null or within the scale."""
    return [
        models.CheckConstraint(
            condition=models.Q(
                **{
                    f"{aspect.rating_field}__gte": SUB_RATING_MIN,
                    f"{aspect.rating_field}__lte": SUB_RATING_MAX,
                }
            )
            | models.Q(**{f"{aspect.rating_field}__isnull": True}),
            name=f"{prefix}_{aspect.rating_field}_1_to_5",
        )
        for aspect in ASPECTS
    ]


def average_column(aspect: Aspect) -> models.DecimalField:
    """A service's or profile's stored average for one aspect (None before a rating)."""
    return models.DecimalField(
        f"{aspect.label} (average)",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )


def count_column(aspect: Aspect) -> models.PositiveIntegerField:
    """A service's or profile's stored number of visible reviews that rate one aspect."""
    return models.PositiveIntegerField(f"{aspect.label} (ratings)", default=0, editable=False)
