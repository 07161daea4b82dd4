"""Search, filters, sort and facets of the service list: one implementation for the search
page, the category pages and the REST API.

Invalid values never break a request: the page ignores them and shows the form's errors; the
API (DjangoFilterBackend) answers 400 with the same field messages.
"""

import copy
import hashlib
from collections import Counter
from functools import cached_property

import django_filters
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Sum
from django.http import QueryDict

from languages.codes import language_codes, spaced_code
from languages.names import LanguageChoices
from marketplace import pagecache
from money.currencies import Currency
from money.limits import MAX_WORD_RATE, MIN_WORD_RATE
from profiles.models import EngagementKind, Skill, completeness_share
from ratings.aspects import (
    ACCURACY,
    ASPECTS,
    BRIEF,
    DEADLINES,
    SUB_RATING_MAX,
    SUB_RATING_MIN,
    VOICE,
    Aspect,
)
from services import ranking, search
from services.categories import categories_by_slug
from services.models import (
    Category,
    CategoryLanguageCount,
    CategorySkillCount,
    Service,
    ServiceLanguagePair,
)

FACET_CACHE_SECONDS = 300
SKILL_FACETS = 20
# Language pairs, source languages and target languages listed in the facets, each.
LANGUAGE_FACETS = 20
# Every one of the skills must match: past a few, a search finds nothing anyway.
MAX_SKILLS_SEARCHED = 10
# A relevance sort ranks at most this many matches (_ranked_window), the best rated: ten pages
# of twenty, as search engines stop offering pages long before the last match. Ranking reads
# each match's stored vector, so the window bounds a search's cost whatever the number of
# matches. The pages beyond it are not offered; other sorts page through every match.
RANKED_MATCHES = 200
# Facets count at most this many results. Counting reads each result's row: a search for a
# word that a fifth of the catalogue uses read 220,000 rows at 1,000,000 services, 1.5 s for
# the first visitor after each write. Past the bound, the counts cover the first results found
# and the lists say "More than 10,000", as search engines do; the stored counters
# (stored_facets) stay exact at any size.
COUNTED_RESULTS = 10_000


SORTS = {
    "relevance": "Relevance",
    "best_rated": "Best rated",
    "rate_low": "Lowest rate",
    "rate_high": "Highest rate",
    "newest": "Newest",
}
_ORDERINGS = {
    # "relevance": _ranked_window blends text match and quality (services.ranking)
    "best_rated": ("-rating_score", "-review_count", "-id"),
    "rate_low": (F("hourly_rate").asc(nulls_last=True), "id"),
    "rate_high": (F("hourly_rate").desc(nulls_last=True), "-id"),
    "newest": ("-created_at", "-id"),
}
# Bounds, not precision: 19.999 is a fine lower bound to compare rates with, and a number the
# schema allows must not be refused for its digits.
MONEY = {"min_value": 0, "max_value": 1_000_000}
# "Delivery time" on the search: within this many days (a service's fastest package).
DELIVERY_CHOICES = [("1", "Up to 24 hours"), ("3", "Up to 3 days"), ("7", "Up to 7 days")]
# Amounts are compared within one currency, never converted: an amount filter given without a
# currency compares amounts in this one (the currency new services and jobs start in).
DEFAULT_FILTER_CURRENCY = Currency.USD
# What the API schema says of every amount filter.
IN_ONE_CURRENCY = (
    "Compared within one currency, never converted: the one given as `currency`, else "
    f"{DEFAULT_FILTER_CURRENCY} ({DEFAULT_FILTER_CURRENCY.label}); rows priced in other "
    "currencies are left out."
)


def text_filter() -> django_filters.CharFilter:
    """`q`: the full-text search, applied by the filterset after every other filter."""
    return django_filters.CharFilter(label="Search", method="filter_text", max_length=200)


def skill_filter() -> django_filters.ModelMultipleChoiceFilter:
    """`skill`: rows with every one of these skills (by slug), for any model with `skills`."""
    return django_filters.ModelMultipleChoiceFilter(
        queryset=Skill.objects.all(),
        to_field_name="slug",
        field_name="skills__slug",
        conjoined=True,
        label="Skills",
        validators=[
            MaxLengthValidator(
                MAX_SKILLS_SEARCHED, message="Search for at most %(limit_value)d skills at once."
            )
        ],
    )


def currency_filter() -> django_filters.ChoiceFilter:
    """`currency`: rows priced in this currency; the currency of the amount filters."""
    return django_filters.ChoiceFilter(
        choices=[(code, f"{label} ({code})") for code, label in Currency.choices],
        method="filter_currency",
        label="Currency",
        empty_label="Any currency",
        help_text="Only rows priced in this currency. The amount filters compare amounts within "
        f"it, never converted; with an amount filter and no currency, {DEFAULT_FILTER_CURRENCY} "
        f"({DEFAULT_FILTER_CURRENCY.label}).",
    )


class InOneCurrency:
    """Amount filters (`amount_filters`, by name) that compare amounts within one currency:
    the chosen `currency`, else DEFAULT_FILTER_CURRENCY, so that "up to 40" never lists £40 or
    €40 beside $40. Mixed into a FilterSet with `currency_filter()` as `currency`; its
    `filter_queryset` calls `in_currency`."""

    amount_filters: tuple[str, ...]

    def filter_currency(self, queryset, name, value):
        return queryset  # applied by in_currency, with the amount filters

    @property
    def currency_in_effect(self) -> str | None:
        """The currency results are limited to: the chosen one, else the default one while an
        amount filter is given, else None (any currency)."""
        if not self.is_bound or not self.form.is_valid():
            return None
        data = self.form.cleaned_data
        if data.get("currency"):
            return data["currency"]
        if any(data.get(name) is not None for name in self.amount_filters):
            return DEFAULT_FILTER_CURRENCY
        return None

    @classmethod
    def currency_in(cls, query: dict[str, list[str]]) -> str:
        """The currency of the amounts in a query written as parameters (a saved search's)."""
        chosen = query.get("currency")
        return chosen[0] if chosen else DEFAULT_FILTER_CURRENCY

    def in_currency(self, queryset: QuerySet) -> QuerySet:
        currency = self.currency_in_effect
        return queryset if currency is None else queryset.filter(currency=currency)

    @property
    def currency_label(self) -> str:
        currency = self.currency_in_effect
        return f"{Currency(currency).label} ({currency})" if currency else ""


class SearchAndSort:
    """What the searchable lists (services, jobs) share besides their filters: the text
    search is applied last, and the sort defaults to relevance while searching and to
    `default_sort` otherwise (a relevance sort without a search falls back to it too).

    Mixed into a FilterSet with `text_filter()` as `q` and a `sort` choice filter.
    """

    default_sort: str

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        """django-filter's FilterSet.__init__, with the declared filters copied shallowly.

        django-filter deep-copies every filter for each filterset, with its labels, choices
        and querysets: a fifth of a millisecond of every list request. What a filterset
        changes on its filters is its own here (`model`, `parent`, the `method=` binding,
        and `extra`, which a queryset filter writes to); nothing else is changed after
        declaration.
        """
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self._versions_read = {}  # version_of
        self.filters = {}
        for name, declared in self.base_filters.items():
            own = self.filters[name] = copy.copy(declared)
            own.extra = dict(declared.extra)
            own.method = declared.method  # binds a `method=` filter to this copy
            own.model = queryset.model
            own.parent = self

    def filter_text(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after the other filters

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in filter_queryset, last

    def stored_facets(self, skill_limit: int) -> tuple[dict[int, int], dict[int, int]] | None:
        """The facet counts read from stored counters, where the list keeps them for its
        filters; None: count them (facet_counts)."""
        return None

    def language_facets(self, counted: QuerySet) -> dict[tuple[str, str], int]:
        """Results per language pair (source, target), and per source (target "") and target
        (source "") language, of the results `counted` (their ids); {} for lists without
        languages."""
        return {}

    def version_of(self, version: pagecache.CacheVersion | pagecache.CombinedVersion):
        """`version.current()`, read once per filterset, that is per request: the facets, the
        ranked window, the spelling and the page's fragments are all keyed by the one read,
        made before any of them is computed (a cache round trip each time saved)."""
        if version.key not in self._versions_read:
            self._versions_read[version.key] = version.current()
        return self._versions_read[version.key]

    @property
    def sort_key(self) -> str:
        chosen = self.form.cleaned_data.get("sort") if self.is_bound else None
        has_text = bool(self.is_bound and (self.form.cleaned_data.get("q") or "").strip())
        if chosen == "relevance" and not has_text:
            chosen = None
        return chosen or ("relevance" if has_text else self.default_sort)


class LanguageChoiceField(django_filters.fields.ChoiceField):
    def valid_value(self, value) -> bool:
        # A set lookup: the choices are some 180 names, read only to draw the select.
        return value in language_codes()


class LanguageFilter(django_filters.ChoiceFilter):
    field_class = LanguageChoiceField


class CategoryField(django_filters.fields.ModelChoiceField):
    """A category by its slug: from `kept` (a callable answering categories by slug, set by
    the filterset) when it holds it, else from the database (ModelChoiceField's query)."""

    kept = None

    def to_python(self, value):
        if self.kept is not None and value not in self.empty_values:
            category = self.kept().get(str(value))
            if category is not None:
                return category
        return super().to_python(value)


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryField


def language_filter(label: str, help_text: str) -> django_filters.ChoiceFilter:
    """An ISO 639-1 code, chosen among the languages by name (languages.names)."""
    return LanguageFilter(
        choices=LanguageChoices(),
        method="filter_languages",
        label=label,
        empty_label="Any language",
        help_text=help_text,
    )


def aspect_filter(aspect: Aspect) -> django_filters.NumberFilter:
    """A minimum average on one writing aspect (`min_deadlines=4.5`), read from the stored
    per-aspect averages; a service no one has rated on the aspect does not match."""
    return django_filters.NumberFilter(
        field_name=aspect.average_field,
        lookup_expr="gte",
        label=f"{aspect.label}: average at least",
        min_value=SUB_RATING_MIN,
        max_value=SUB_RATING_MAX,
    )


class SubRatingFilters(django_filters.FilterSet):
    """One filter per aspect of ratings.aspects. A base class: django-filter collects
    declared filters from base filter sets."""

    min_accuracy = aspect_filter(ACCURACY)
    min_brief = aspect_filter(BRIEF)
    min_voice = aspect_filter(VOICE)
    min_deadlines = aspect_filter(DEADLINES)


class ServiceFilter(SearchAndSort, InOneCurrency, SubRatingFilters):
    q = text_filter()
    category = CategoryFilter(
        # With its parent: a category page's breadcrumb names it.
        queryset=Category.objects.select_related("parent"),
        to_field_name="slug",
        method="filter_category",
    )
    skill = skill_filter()
    currency = currency_filter()
    min_rate = django_filters.NumberFilter(
        field_name="hourly_rate",
        lookup_expr="gte",
        label="Hourly rate from",
        help_text=f"Hourly rate from. {IN_ONE_CURRENCY}",
        **MONEY,
    )
    max_rate = django_filters.NumberFilter(
        field_name="hourly_rate",
        lookup_expr="lte",
        label="Hourly rate to",
        help_text=f"Hourly rate up to. {IN_ONE_CURRENCY}",
        **MONEY,
    )
    max_price = django_filters.NumberFilter(
        field_name="starting_price",
        lookup_expr="lte",
        label="Starting price up to",
        help_text=f"Starting price up to. {IN_ONE_CURRENCY}",
        **MONEY,
    )
    max_package_price = django_filters.NumberFilter(
        field_name="package_price_from",
        lookup_expr="lte",
        label="Package price up to",
        help_text="Services sold in packages whose cheapest package costs up to this. "
        + IN_ONE_CURRENCY,
        **MONEY,
    )
    delivery = django_filters.ChoiceFilter(
        choices=DELIVERY_CHOICES,
        method="filter_delivery",
        label="Delivery time",
        empty_label="Any",
        help_text="Services with a package delivered within this many days of the client's "
        "answers.",
    )
    min_rating = django_filters.NumberFilter(
        field_name="rating_average",
        lookup_expr="gte",
        label="Minimum average rating",
        min_value=1,
        max_value=5,
    )
    engagement = django_filters.ChoiceFilter(choices=EngagementKind.choices, label="Engagement")
    source = language_filter(
        "Translating from", "Services covering a language pair from this language (ISO 639-1)."
    )
    target = language_filter(
        "Translating into", "Services covering a language pair into this language (ISO 639-1)."
    )
    native = language_filter(
        "Native speaker of", "Services of freelancers who list this language as native."
    )
    min_word_rate = django_filters.NumberFilter(
        field_name="per_word_rate",
        lookup_expr="gte",
        label="Per-word rate from",
        help_text=f"Per-word rate from. {IN_ONE_CURRENCY}",
        min_value=MIN_WORD_RATE,
        max_value=MAX_WORD_RATE,
    )
    max_word_rate = django_filters.NumberFilter(
        field_name="per_word_rate",
        lookup_expr="lte",
        label="Per-word rate to",
        help_text=f"Per-word rate up to. {IN_ONE_CURRENCY}",
        min_value=MIN_WORD_RATE,
        max_value=MAX_WORD_RATE,
    )
    sort = django_filters.ChoiceFilter(
        choices=list(SORTS.items()), method="filter_sort", label="Sort by", empty_label=None
    )

    default_sort = "best_rated"
    amount_filters = (
        "min_rate",
        "max_rate",
        "max_price",
        "max_package_price",
        "min_word_rate",
        "max_word_rate",
    )
    # A search with no match is tried again with its typos corrected ("Did you mean").
    corrects_typos = True

    class Meta:
        model = Service
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.corrected_query: str | None = None
        self._every_result: QuerySet | None = None
        # A relevance sort's results: the ids of the ranked window, best first.
        self.ranked_ids: list[int] | None = None

    def get_form_class(self):
        # django-filter builds a new form class for every filterset: a metaclass run and a
        # new field per filter, on every request. The filters never change per request, so
        # the class is built once (each form still deep-copies its fields, as forms do).
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # The categories kept for the catalogue version this filterset reads: a category
            # page finds its own category, subcategories and parent without a query.
            form.fields["category"].kept = lambda: categories_by_slug(
                self.version_of(pagecache.CATALOGUE)
            )
        return self._form

    @property
    def sub_rating_fields(self) -> list:
        """The form's minimum-per-aspect fields, in the aspects' order (for the filter panel)."""
        return [self.form[aspect.filter_name] for aspect in ASPECTS]

    def filter_category(self, queryset, name, category):
        return queryset.in_category(category)

    def filter_languages(self, queryset, name, value):
        return queryset  # applied by in_languages: source and target name one pair together

    def in_languages(self, queryset: QuerySet) -> QuerySet:
        """Services covering a pair from `source` into `target` (either may be left out), of
        a freelancer native in `native`, by the pair and profile-language indexes.

        A whole pair is a join, one row per service (a service covers a pair once), so that
        the best-rated sort can follow the pair's index (_ordering); one side only, which a
        service can cover several times, is an EXISTS subquery; the native languages are the
        service's copy of its owner's (Service.owner_native_languages).
        """
        data = self.form.cleaned_data
        sides = {side: data[side] for side in ("source", "target") if data.get(side)}
        if len(sides) == 2:
            queryset = queryset.filter(
                language_pairs__source=sides["source"], language_pairs__target=sides["target"]
            )
        elif sides:
            pairs = ServiceLanguagePair.objects.filter(service=OuterRef("pk"), **sides)
            queryset = queryset.filter(Exists(pairs))
        if data.get("native"):
            queryset = queryset.filter(owner_native_languages__contains=spaced_code(data["native"]))
        return queryset

    def language_facets(self, counted: QuerySet) -> dict[tuple[str, str], int]:
        """With no filter but a category, the counters services.counters keeps; otherwise
        the pairs of the counted results."""
        if set(_chosen_filters(self)) - {"category"}:
            rows = ServiceLanguagePair.objects.filter(service__in=counted).order_by()
            pairs = rows.values_list("source", "target").annotate(n=Count("pk"))
            sources = rows.values_list("source").annotate(n=Count("service", distinct=True))
            targets = rows.values_list("target").annotate(n=Count("service", distinct=True))
            found = [
                *pairs.order_by("-n", "source", "target")[:LANGUAGE_FACETS],
                *((s, "", n) for s, n in sources.order_by("-n", "source")[:LANGUAGE_FACETS]),
                *((("", t, n) for t, n in targets.order_by("-n", "target")[:LANGUAGE_FACETS])),
            ]
            return {(source, target): n for source, target, n in found}
        category = self.form.cleaned_data.get("category")
        stored = CategoryLanguageCount.objects.order_by()
        if category is not None:
            stored = stored.filter(Q(category=category) | Q(category__parent=category))
        totals = stored.values_list("source", "target").annotate(n=Sum("published_service_count"))
        found = {(source, target): n for source, target, n in totals}
        # The most frequent of each kind, as the counted facets list them.
        kinds = {"pair": [], "source": [], "target": []}
        for (source, target), n in found.items():
            kind = "pair" if source and target else ("source" if source else "target")
            kinds[kind].append(((source, target), n))
        return {
            key: n
            for rows in kinds.values()
            for key, n in sorted(rows, key=lambda row: (-row[1], row[0]))[:LANGUAGE_FACETS]
        }

    def filter_delivery(self, queryset, name, value):
        return queryset.filter(fastest_delivery_days__lte=int(value))

    def stored_facets(self, skill_limit: int) -> tuple[dict[int, int], dict[int, int]] | None:
        """With no filter but a category, the counters that services.counters keeps: the
        unfiltered list and the category pages are the broadest lists, the costliest to
        count, and their counts change with every publish. The counters count published
        services: the lists with facets are lists of published services."""
        chosen = _chosen_filters(self)
        if set(chosen) - {"category"}:
            return None
        category = self.form.cleaned_data.get("category")
        scope = Q() if category is None else Q(pk=category.pk) | Q(parent=category)
        by_category = dict(
            Category.objects.filter(scope, published_service_count__gt=0).values_list(
                "pk", "published_service_count"
            )
        )
        by_skill = dict(
            CategorySkillCount.objects.filter(category__in=list(by_category))
            .values("skill")
            .annotate(n=Sum("published_service_count"))
            .order_by("-n", "skill__name")
            .values_list("skill", "n")[:skill_limit]
        )
        return by_category, by_skill

    def filter_queryset(self, queryset):
        """Filters first, then the text search (with a typo-corrected retry), then the sort."""
        base = queryset
        queryset = self.in_languages(self.in_currency(super().filter_queryset(queryset)))
        text = self.form.cleaned_data.get("q") or ""
        if text.strip():
            matches = search.search(queryset, text)
            if self.corrects_typos:
                corrected = self._correction(matches, text)
                if corrected:
                    self.corrected_query = corrected
                    text = corrected
                    matches = search.search(queryset, corrected)
            queryset = matches
        self._every_result = queryset.order_by()
        self.ranked_ids = None
        if text.strip() and self.sort_key == "relevance":
            self.ranked_ids = self._ranked_ids(queryset)
            # The same order for readers of `qs`; the pages read `ranked_ids` instead.
            window = search.search(base.filter(pk__in=self.ranked_ids), text)
            return window.order_by(_PositionIn(self.ranked_ids), "-id")
        return queryset.order_by(*self._ordering())

    def _ordering(self) -> tuple:
        data = self.form.cleaned_data
        if self.sort_key == "best_rated" and data.get("source") and data.get("target"):
            # The pair's copies of the service's keys, equal to them: the same order, read
            # from the pair's index twenty rows at a time instead of sorting all its services.
            return (
                "-language_pairs__rating_score",
                "-language_pairs__review_count",
                "-language_pairs__service_id",
            )
        return _ORDERINGS[self.sort_key]

    def ordered_results(self) -> QuerySet | list[int]:
        """What a page of results is cut from: the ranked ids of a relevance sort, or the
        ordered queryset of the others."""
        results = self.qs
        return self.ranked_ids if self.ranked_ids is not None else results

    def _ranked_ids(self, matches: QuerySet) -> list[int]:
        """The ranked window, cached like the facet counts: every page of a search reads the
        same window (page 2 never repeats page 1), and the ranking, which reads a stored vector
        per match and a word's whole index entry, runs once per query and catalogue version."""
        return _kept_per_filters("ranked", self, lambda: _ranked_window(matches))

    def _correction(self, matches: QuerySet, text: str) -> str | None:
        """The query with its typos corrected when it finds nothing, else None; cached like
        the facet counts: an `EXISTS` over the full-text index costs as much as the page's
        own query for a word many services use, and it would run on every page of every
        search."""
        # In a tuple: None (nothing to correct) is an answer worth keeping too.
        (corrected,) = _kept_per_filters(
            "correction",
            self,
            lambda: (None if matches.exists() else search.corrected_query(text),),
        )
        return corrected

    def every_result(self) -> QuerySet:
        """Every result, unordered: not just the window that a relevance sort ranks."""
        results = self.qs
        return self._every_result if self._every_result is not None else results.order_by()

    def reachable_count(self, total: int) -> int:
        """How many of `total` results the pages offer (a relevance sort ranks a window)."""
        return min(total, RANKED_MATCHES) if self.sort_key == "relevance" else total


class _PositionIn(Func):
    """A row's position in `ids` (len(ids) past them): `CASE id WHEN … THEN … END`.

    Written as SQL, not as a Case of When's: a ranked window has up to RANKED_MATCHES ids,
    and building that many When expressions took more time than the rest of a search page's
    query building, for an order only readers of `qs` use."""

    output_field = IntegerField()

    def __init__(self, ids: list[int]):
        super().__init__(F("pk"))
        self.ids = list(ids)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        whens = " WHEN %s THEN %s" * len(self.ids)
        positions = [value for at, pk in enumerate(self.ids) for value in (pk, at)]
        return f"CASE {column}{whens} ELSE %s END", (*params, *positions, len(self.ids))


def _chosen_filters(filterset: django_filters.FilterSet) -> dict:
    """The filters given a value, by name, with rows as their ids. Not the sort: the order of
    results does not change which they are."""
    chosen = {}
    for name, value in filterset.form.cleaned_data.items():
        if hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "__iter__") and not isinstance(value, str):
            value = sorted(item.pk for item in value)
        if name != "sort" and value not in (None, "", []):
            chosen[name] = value
    return chosen


def _cache_key_text(filterset: django_filters.FilterSet) -> str:
    return "&".join(f"{name}={value}" for name, value in sorted(_chosen_filters(filterset).items()))


def _ranked_window(matches: QuerySet) -> list[int]:
    """The ids of the RANKED_MATCHES best-rated `matches` (annotated with `rank` by
    services.search), most relevant first: text match blended with quality (services.ranking).

    Best rated, not the first the index finds: those would be the oldest services, whatever
    their reputation. The database picks the cheaper way to find them: for a word many
    services use, it walks the best-rated index and stops at the 200th match; for a rare one,
    it reads the matches from the full-text index and keeps the best 200.

    Ranking reads each ranked match's stored vector. One query reads the window, ranking each
    row as it goes, and the few hundred are sorted here: sorting them in SQL would need the
    window as a subquery that the database joins back to the table by id (a second lookup and
    a second ranking per row, 40 % of a search page).
    """
    return ranking.by_relevance([ranking.Match(*row) for row in window_query(matches)])


def window_query(matches: QuerySet) -> QuerySet:
    """The rows `_ranked_window` sorts: what services.ranking.Match holds, for the best-rated
    matches."""
    best_rated = matches.order_by(*_ORDERINGS["best_rated"])
    return best_rated.annotate(owner_completeness=completeness_share("owner__")).values_list(
        "pk", "rank", "rating_score", "owner__completed_engagement_count", "owner_completeness"
    )[:RANKED_MATCHES]


def _kept_per_filters(
    name: str,
    filterset: django_filters.FilterSet,
    compute,
    *,
    version: pagecache.CacheVersion = pagecache.CATALOGUE,
    scope: str = "",
):
    """`compute()` (never None), cached for a few minutes per set of filters (not their order
    or page), `scope` and `version` (marketplace.pagecache): any write that could change the
    answer makes a new version, so it is never older than the last edit."""
    digest = hashlib.sha256(f"{scope}|{_cache_key_text(filterset)}".encode()).hexdigest()
    key = f"{name}:{version.key}:{filterset.version_of(version)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FACET_CACHE_SECONDS)
    return value


class Facets:
    """Result counts per category and per skill, and the total.

    `exact` is False when more than COUNTED_RESULTS matched: `total` is then COUNTED_RESULTS
    (a lower bound), and the facets list the categories and skills of the first results found,
    most frequent first, with None for a count: counts of a sample would mislead.

    The categories and skills they name are loaded on first use only: a page whose facet
    panel comes from the fragment cache needs nothing but the total.
    """

    def __init__(
        self,
        by_category: dict[int, int],
        by_skill: dict[int, int],
        exact: bool,
        by_language: dict[tuple[str, str], int] | None = None,
    ):
        self.by_category, self.by_skill, self.exact = by_category, by_skill, exact
        self.by_language = by_language or {}
        # Every result, whatever the page: each service is in exactly one category.
        self.total = sum(by_category.values())

    @cached_property
    def categories(self) -> list[tuple[Category, int | None]]:
        """(category, count) in tree order; a top-level category sums its children."""
        all_categories = list(Category.objects.order_by("position", "name"))
        totals = dict(self.by_category)
        for category in all_categories:
            if category.parent_id is not None:
                totals[category.parent_id] = totals.get(category.parent_id, 0) + (
                    self.by_category.get(category.pk, 0)
                )
        return [(c, self._shown(totals[c.pk])) for c in all_categories if totals.get(c.pk)]

    @cached_property
    def skills(self) -> list[tuple[Skill, int | None]]:
        """(skill, count), most frequent first."""
        ranked = sorted(
            (
                (skill, self.by_skill[skill.pk])
                for skill in Skill.objects.filter(pk__in=list(self.by_skill))
            ),
            key=lambda pair: (-pair[1], pair[0].name),
        )
        return [(skill, self._shown(count)) for skill, count in ranked]

    def _languages(self, kind: str) -> list[tuple[str, str, int | None]]:
        rows = [
            (source, target, n)
            for (source, target), n in self.by_language.items()
            if kind == ("pair" if source and target else ("source" if source else "target"))
        ]
        rows.sort(key=lambda row: (-row[2], row[0], row[1]))
        return [(source, target, self._shown(n)) for source, target, n in rows]

    @property
    def pairs(self) -> list[tuple[str, str, int | None]]:
        """(source, target, count) of the language pairs, most frequent first."""
        return self._languages("pair")

    @property
    def sources(self) -> list[tuple[str, int | None]]:
        """(language, count) of the languages translated from, most frequent first."""
        return [(source, n) for source, _, n in self._languages("source")]

    @property
    def targets(self) -> list[tuple[str, int | None]]:
        """(language, count) of the languages translated into, most frequent first."""
        return [(target, n) for _, target, n in self._languages("target")]

    def _shown(self, count: int) -> int | None:
        return count if self.exact else None


def facet_counts(
    filterset: django_filters.FilterSet,
    *,
    version: pagecache.CacheVersion = pagecache.CATALOGUE,
    skill_relation: str = "services",
    skill_limit: int = SKILL_FACETS,
    scope: str = "",
) -> Facets:
    """Result counts per category (top-level ones sum their children) and per skill.

    For any list with this module's filters (the services', the jobs'): the filterset gives
    `every_result()`, `skill_relation` names the skills' reverse relation to its rows, and
    `scope` who the results are for when they differ by reader.

    Kept per set of filters and `version` (_kept_per_filters): counting 100,000 rows per
    request would dominate the page.
    """
    filterset.is_valid()

    def count() -> tuple[dict[int, int], dict[int, int], bool, dict]:
        stored = filterset.stored_facets(skill_limit)
        if stored is not None:
            return (*stored, True, filterset.language_facets(Service.objects.none()))
        results = filterset.every_result()
        # One row more than counted tells whether there are more.
        categories = list(results.values_list("category", flat=True)[: COUNTED_RESULTS + 1])
        exact = len(categories) <= COUNTED_RESULTS
        # The database reads the skill rows of each counted result by index: a subquery with a
        # LIMIT, where one without would let it scan every skill row to join them.
        counted = results.values("pk")[:COUNTED_RESULTS]
        by_skill = dict(
            Skill.objects.filter(**{f"{skill_relation}__in": counted})
            .annotate(n=Count(skill_relation))
            .order_by("-n", "name")
            .values_list("pk", "n")[:skill_limit]
        )
        by_language = filterset.language_facets(counted)
        return dict(Counter(categories[:COUNTED_RESULTS])), by_skill, exact, by_language

    return Facets(
        *_kept_per_filters("facet-counts", filterset, count, version=version, scope=scope)
    )
