"""Page-numbered lists with a bounded, client-chosen page size."""

from functools import partial

from django.core.paginator import Paginator
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=50`: 20 items by default, at most 100.

    A page size out of range is refused (400) rather than silently clamped, so a client
    never believes it received 500 items when it got 100.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None, *, count: int | None = None):
        """One page of `queryset`; `count`, when the caller already knows it, saves a COUNT."""
        # DRF reads `page=` as page 1; the schema says a page is a number from 1.
        if request.query_params.get(self.page_query_param) == "":
            raise ValidationError(
                {self.page_query_param: ["Enter a page number from 1."]}, code="invalid"
            )
        if count is not None:
            self.django_paginator_class = partial(_CountedPaginator, count=count)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Enter a whole number from 1 to {self.max_page_size}."
                    ]
                },
                code="invalid",
            )
        return size

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
                parameter["description"] = (
                    f"Items per page, from 1 to {self.max_page_size} (default {self.page_size})."
                )
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


class _CountedPaginator(Paginator):
    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count
