"""What a saved search searches: the kinds of search one can save, and their queries.

A query is kept as the search page's own URL parameters, after the page's filter (services'
`ServiceFilter`, jobs' `JobFilter`) has read them: values it refuses are refused here with the
same messages, values it would ignore (a page number, a stray parameter) are dropped, and the
rest is written back in one canonical form. So a saved search finds what its page finds.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse

from jobs.filters import JobFilter
from money.formatting import format_money
from services.filters import ServiceFilter

# Filters whose values name rows (categories, skills) by slug.
MODEL_FILTERS = (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)
# Parameters that page through results: not part of what a search is.
NOT_SAVED = {"page"}
# The longest query string kept; the page's own limits (200 characters of text) come first.
MAX_QUERY_LENGTH = 2000

Query = dict[str, list[str]]


class ServiceAlertFilter(ServiceFilter):
    """The search page's filter, without the "did you mean" retry: an alert sends only what
    the words themselves match."""

    corrects_typos = False


@dataclass(frozen=True)
class SearchKind:
    value: str
    label: str
    filter_class: type[django_filters.FilterSet]
    # The results page, whose URL runs the search.
    url_name: str


SERVICES = SearchKind("services", "Services", ServiceFilter, "services:list")
JOBS = SearchKind("jobs", "Jobs", JobFilter, "jobs:list")
KINDS = {kind.value: kind for kind in (SERVICES, JOBS)}


def normalised_query(kind: SearchKind, params: QueryDict) -> Query:
    """The parameters as the kind's filter reads them, or ValidationError with its messages.

    Errors are keyed by parameter name. A parameter the filter does not know is dropped.
    """
    filterset = kind.filter_class(_without(params, NOT_SAVED), queryset=_no_rows(kind))
    if not filterset.is_valid():
        raise ValidationError(
            {
                name: ValidationError(messages, code="invalid")
                for name, messages in filterset.form.errors.items()
            }
        )
    query: Query = {}
    for name, field in filterset.form.fields.items():
        values = _as_text(filterset.form.cleaned_data.get(name), field)
        if values:
            query[name] = values
    if len(urlencode(query, doseq=True)) > MAX_QUERY_LENGTH:
        raise ValidationError(
            f"A saved search's query is at most {MAX_QUERY_LENGTH} characters long.",
            code="max_length",
        )
    return query


def query_from_results_url(url: str) -> tuple[SearchKind, QueryDict]:
    """The kind and parameters of a results page's URL (the search, a category, the jobs).

    Raises ValidationError for any other address.
    """
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    params = QueryDict(parts.query, mutable=True)
    if match is None or parts.scheme or parts.netloc:
        raise ValidationError("This is not the address of search results.", code="not_results")
    if match.view_name == "services:category":
        # A category page is the search narrowed to the category of its address.
        params["category"] = match.kwargs["slug"]
        return SERVICES, params
    for kind in KINDS.values():
        if match.view_name == kind.url_name:
            return kind, params
    raise ValidationError("This is not the address of search results.", code="not_results")


def in_page_order(kind: SearchKind, query: Query) -> Query:
    """The query's parameters in the order of the page's filters (PostgreSQL's jsonb keeps
    keys in an order of its own)."""
    return {name: query[name] for name in kind.filter_class.base_filters if name in query}


def query_string(kind: SearchKind, query: Query) -> str:
    return urlencode(in_page_order(kind, query), doseq=True)


def results_url(kind: SearchKind, query: Query) -> str:
    path = reverse(kind.url_name)
    return f"{path}?{query_string(kind, query)}" if query else path


def as_query_dict(query: Query) -> QueryDict:
    params = QueryDict(mutable=True)
    for name, values in query.items():
        params.setlist(name, values)
    return params


def describe(kind: SearchKind, query: Query, *, names: dict | None = None) -> list[tuple[str, str]]:
    """(label, values) per filter, in the page's order, for people to read: a category or a
    skill by its name and a choice by its label, never by slug or code; an amount with its
    currency ("$40"). `names`: `row_names` of many searches at once (else read here)."""
    filters = kind.filter_class.base_filters
    names = row_names([(kind, query)]) if names is None else names
    currency = kind.filter_class.currency_in(query)
    described = []
    for name, values in in_page_order(kind, query).items():
        filter_ = filters[name]
        if isinstance(filter_, MODEL_FILTERS):
            shown = [names.get((filter_.queryset.model, value), value) for value in values]
        elif isinstance(filter_, django_filters.ChoiceFilter):
            choices = {str(value): str(label) for value, label in filter_.extra["choices"]}
            shown = [choices.get(value, value) for value in values]
        elif name in kind.filter_class.amount_filters:
            per_word = name.endswith("word_rate")
            shown = [format_money(value, currency, per_word=per_word) for value in values]
        else:
            shown = values
        label = filter_.label or name.replace("_", " ").capitalize()
        described.append((str(label), ", ".join(shown)))
    return described


def row_names(searches: Iterable[tuple[SearchKind, Query]]) -> dict[tuple, str]:
    """The names of the rows (categories, skills) that these searches' queries name by slug,
    keyed by (model, slug): one query per model, however many searches."""
    wanted: dict[tuple, set[str]] = {}
    for kind, query in searches:
        for name, values in query.items():
            filter_ = kind.filter_class.base_filters.get(name)
            if isinstance(filter_, MODEL_FILTERS):
                key = (filter_.queryset.model, filter_.extra.get("to_field_name") or "pk")
                wanted.setdefault(key, set()).update(values)
    names = {}
    for (model, to_field), values in wanted.items():
        rows = model.objects.filter(**{f"{to_field}__in": values}).values_list(to_field, "name")
        names.update({(model, str(value)): name for value, name in rows})
    return names


def _without(params: QueryDict, names: Iterable[str]) -> QueryDict:
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params


def _no_rows(kind: SearchKind) -> QuerySet:
    return kind.filter_class._meta.model.objects.none()


def _as_text(value, field) -> list[str]:
    """A cleaned value as the page's URL writes it; [] for an empty one."""
    if value in (None, "") or (isinstance(value, list | QuerySet) and not value):
        return []
    to_field = getattr(field, "to_field_name", None) or "pk"
    if isinstance(value, Model):
        return [str(getattr(value, to_field))]
    if isinstance(value, list | QuerySet):
        return sorted(str(getattr(item, to_field)) for item in value)
    if isinstance(value, Decimal):
        return [str(value)]
    return [str(value).strip()] if str(value).strip() else []
