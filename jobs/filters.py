"""Search, filters and sort of the job list: one implementation for the page and the API,
built like the services' (services.filters) and sharing its money bounds and skill filter."""

from datetime import timedelta

import django_filters
from django.db.models import Count, DecimalField, ExpressionWrapper, F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobs import search
from jobs.models import JobPost
from profiles.models import Skill
from services.filters import MONEY
from services.models import Category

SORTS = {
    "relevance": "Relevance",
    "newest": "Newest",
    "budget_high": "Highest budget",
    "budget_low": "Lowest budget",
}
_ORDERINGS = {
    "relevance": ("-rank", "-published_at", "-id"),
    "newest": ("-published_at", "-id"),
    "budget_high": ("-budget_total", "-id"),
    "budget_low": ("budget_total", "id"),
}
SKILL_FACETS = 15
POSTED_WITHIN = {"1": "Last 24 hours", "7": "Last 7 days", "30": "Last 30 days"}


def with_budget_total(queryset: QuerySet) -> QuerySet:
    """Annotate `budget_total`: the fixed budget, or the top hourly rate times the hours, so
    that fixed and hourly jobs sort and filter on one scale."""
    hourly_total = ExpressionWrapper(
        F("hourly_max") * F("estimated_hours"),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )
    return queryset.annotate(budget_total=Coalesce("budget_amount", hourly_total))


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_text", max_length=200)
    category = django_filters.ModelChoiceFilter(
        # The parent is in each option's label.
        queryset=Category.objects.select_related("parent"),
        to_field_name="slug",
        method="filter_category",
    )
    skill = django_filters.ModelMultipleChoiceFilter(
        queryset=Skill.objects.all(),
        to_field_name="slug",
        field_name="skills__slug",
        conjoined=True,
        label="Skills",
    )
    min_budget = django_filters.NumberFilter(
        field_name="budget_total", lookup_expr="gte", label="Budget from", **MONEY
    )
    max_budget = django_filters.NumberFilter(
        field_name="budget_total", lookup_expr="lte", label="Budget up to", **MONEY
    )
    posted_within = django_filters.ChoiceFilter(
        choices=list(POSTED_WITHIN.items()),
        method="filter_posted_within",
        label="Posted",
        empty_label="Any time",
    )
    sort = django_filters.ChoiceFilter(
        choices=list(SORTS.items()), method="filter_sort", label="Sort by", empty_label=None
    )

    class Meta:
        model = JobPost
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after the other filters

    def filter_category(self, queryset, name, category):
        if category.is_leaf:
            return queryset.filter(category=category)
        return queryset.filter(category__parent=category)

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(published_at__gte=timezone.now() - timedelta(days=int(value)))

    def filter_sort(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(with_budget_total(queryset))
        text = (self.form.cleaned_data.get("q") or "").strip()
        if text:
            queryset = search.search(queryset, text)
        return queryset.order_by(*_ORDERINGS[self.sort_key])

    @property
    def sort_key(self) -> str:
        chosen = self.form.cleaned_data.get("sort") if self.is_bound else None
        has_text = bool(self.is_bound and (self.form.cleaned_data.get("q") or "").strip())
        if chosen == "relevance" and not has_text:
            chosen = None
        return chosen or ("relevance" if has_text else "newest")


def skill_facets(results: QuerySet, *, limit: int = SKILL_FACETS) -> list[tuple[Skill, int]]:
    """The skills most asked for among the results, with counts: one GROUP BY."""
    return [
        (skill, skill.n)
        for skill in Skill.objects.filter(job_posts__in=results.order_by().values("pk"))
        .annotate(n=Count("job_posts"))
        .order_by("-n", "name")[:limit]
    ]


def category_facets(results: QuerySet) -> list[tuple[Category, int]]:
    """(leaf category, number of results), most results first: one GROUP BY."""
    counts = dict(results.order_by().values_list("category").annotate(n=Count("id", distinct=True)))
    categories = Category.objects.select_related("parent").in_bulk(list(counts))
    return sorted(
        ((categories[pk], n) for pk, n in counts.items()), key=lambda pair: (-pair[1], str(pair[0]))
    )
