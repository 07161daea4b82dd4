"""Search, filters and sort of the job list: one implementation for the page and the API,
built like the services' (services.filters) and sharing its money bounds and skill filter."""

from datetime import timedelta

import django_filters
from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobs import search
from jobs.caching import JOB_LISTINGS
from jobs.models import JobPost
from services.filters import (
    IN_ONE_CURRENCY,
    MONEY,
    Facets,
    InOneCurrency,
    SearchAndSort,
    currency_filter,
    facet_counts,
    skill_filter,
    text_filter,
)
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


class JobFilter(SearchAndSort, InOneCurrency, django_filters.FilterSet):
    q = text_filter()
    category = django_filters.ModelChoiceFilter(
        # The parent is in each option's label.
        queryset=Category.objects.select_related("parent"),
        to_field_name="slug",
        method="filter_category",
        empty_label="Any category",
    )
    skill = skill_filter()
    currency = currency_filter()
    min_budget = django_filters.NumberFilter(
        field_name="budget_total",
        lookup_expr="gte",
        label="Budget from",
        help_text=f"Budget from (an hourly job's top rate times its hours). {IN_ONE_CURRENCY}",
        **MONEY,
    )
    max_budget = django_filters.NumberFilter(
        field_name="budget_total",
        lookup_expr="lte",
        label="Budget up to",
        help_text=f"Budget up to (an hourly job's top rate times its hours). {IN_ONE_CURRENCY}",
        **MONEY,
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

    default_sort = "newest"
    amount_filters = ("min_budget", "max_budget")

    class Meta:
        model = JobPost
        fields = []

    def filter_category(self, queryset, name, category):
        if category.is_leaf:
            return queryset.filter(category=category)
        return queryset.filter(category__parent=category)

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(published_at__gte=timezone.now() - timedelta(days=int(value)))

    def filter_queryset(self, queryset):
        queryset = self.in_currency(super().filter_queryset(with_budget_total(queryset)))
        text = (self.form.cleaned_data.get("q") or "").strip()
        if text:
            queryset = search.search(queryset, text)
        return queryset.order_by(*_ORDERINGS[self.sort_key])

    def every_result(self) -> QuerySet:
        """Every result, once each and unordered (the visibility rule's join may repeat a
        job), for the facet counts."""
        return JobPost.objects.filter(pk__in=self.qs.order_by().values("pk"))


def facets_for(filterset: JobFilter, user) -> Facets:
    """The job list's facets, cached like the services' (services.filters.facet_counts)
    under the jobs' own version, per reader: invite-only jobs make one reader's results
    differ from another's."""
    return facet_counts(
        filterset,
        version=JOB_LISTINGS,
        skill_relation="job_posts",
        skill_limit=SKILL_FACETS,
        scope=reader_scope(user),
    )


def reader_scope(user) -> str:
    """Who a job list's results are for: each signed-in reader apart, anonymous ones alike."""
    return f"user:{user.pk}" if user.is_authenticated else "anonymous"
