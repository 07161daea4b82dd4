"""Query-string filters on API lists, judged like the pages' filter forms."""

import re

import django_filters
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request

from marketplace.api.fields import SLUG_PATTERN
from marketplace.api.negotiation import BLANK_MESSAGE
from marketplace.api.schema import slug_field_of


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend for every API list: the filterset stays on the view (for facets
    and spelling), and a well-formed slug that names nothing is a 404, as in an address."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        view.filterset = filterset
        return filterset

    def filter_queryset(self, request, queryset, view):
        return self.valid_filterset(request, queryset, view).qs

    def valid_filterset(self, request, queryset, view) -> django_filters.FilterSet:
        """The view's filterset once its filters are judged valid (else a 400, or a 404 for
        slugs that name nothing); its results (`qs`) are not built yet."""
        filterset = self.get_filterset(request, queryset, view)
        if blank := _blank_values(filterset, request):
            raise ValidationError(blank)
        if not filterset.is_valid() and _names_nothing(filterset, request):
            # Well-formed slugs of no category or skill: as for a slug in the address, a 404.
            raise ValidationError(
                {
                    name: [ErrorDetail(message, code="does_not_exist") for message in messages]
                    for name, messages in filterset.errors.items()
                }
            )
        # DjangoFilterBackend.filter_queryset, minus building and validating the filterset a
        # second time.
        if not filterset.is_valid():
            raise utils.translate_validation(filterset.errors)
        return filterset


def _blank_values(filterset: django_filters.FilterSet, request: Request) -> dict[str, list[str]]:
    """Numbers and choices sent empty: the schema allows neither, so the API refuses them.

    A page's search form sends an untouched field empty, and there it means "no filter"; an
    API client that sends `min_rate=` has lost a value on the way, and is told so.
    """
    return {
        name: [BLANK_MESSAGE]
        for name, query_filter in filterset.filters.items()
        if _is_number_or_choice(query_filter) and "" in request.query_params.getlist(name)
    }


def _is_number_or_choice(query_filter: django_filters.Filter) -> bool:
    if isinstance(query_filter, django_filters.ModelChoiceFilter):
        return False  # a single slug: empty means none, as the schema's pattern says
    return isinstance(query_filter, django_filters.NumberFilter | django_filters.ChoiceFilter)


def _names_nothing(filterset: django_filters.FilterSet, request: Request) -> bool:
    """Whether the only errors are slugs that name no object (not empty, not malformed, not
    too many)."""
    codes = {error.code for errors in filterset.form.errors.as_data().values() for error in errors}
    if codes != {"invalid_choice"}:
        return False
    for name in filterset.errors:
        slug_field = slug_field_of(filterset.filters[name]) if name in filterset.filters else None
        if slug_field is None:
            return False
        for value in request.query_params.getlist(name):
            # The schema's pattern and length for these slugs: a value outside them is a 400.
            if not re.fullmatch(SLUG_PATTERN, value) or len(value) > slug_field.max_length:
                return False
    return True
