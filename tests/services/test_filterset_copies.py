"""The search's filtersets copy their declared filters shallowly (services.filters.SearchAndSort):
each must still be set up as django-filter's own FilterSet.__init__ sets one up."""

import django_filters
import pytest
from django.http import QueryDict

from jobs.filters import JobFilter
from jobs.models import JobPost
from services.filters import ServiceFilter
from services.models import Service


@pytest.mark.parametrize("filterset_class, model", [(ServiceFilter, Service), (JobFilter, JobPost)])
def test_a_filterset_is_set_up_as_django_filter_would_with_filters_of_its_own(
    db, filterset_class, model
):
    data = QueryDict("q=logo&sort=newest")
    ours = filterset_class(data)
    theirs = object.__new__(filterset_class)
    django_filters.filterset.BaseFilterSet.__init__(theirs, data)
    assert vars(ours).keys() >= vars(theirs).keys()
    assert (ours.is_bound, ours.data, ours.queryset.model) == (True, data, model)
    for name, declared in filterset_class.base_filters.items():
        own = ours.filters[name]
        assert own is not declared and own.extra is not declared.extra
        assert own.extra == declared.extra
        assert (own.parent, own.model) == (ours, model)
        assert vars(own).keys() == vars(theirs.filters[name]).keys()
        # A `method=` filter calls its method on this filterset.
        assert getattr(own.filter, "f", own) is own
    # Two filtersets (two requests) never share a filter.
    assert not set(map(id, ours.filters.values())) & set(
        map(id, filterset_class(data).filters.values())
    )
