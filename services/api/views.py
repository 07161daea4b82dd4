"""Categories, and services: search, detail, and the owner's create/edit/publish/pause/delete."""

import hashlib
import json
import re

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from rest_framework import generics, status
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.urls import remove_query_param, replace_query_param

from marketplace import pagecache
from marketplace.api.filtering import FilterBackend
from marketplace.api.pagination import PageNumberPagination
from marketplace.api.responses import created
from marketplace.pagecache import cache_public_page
from profiles.models import Profile
from services import keyset
from services.api import schema
from services.api.serializers import (
    CategoryTreeSerializer,
    FacetsSerializer,
    ServiceSerializer,
    ServiceWriteSerializer,
)
from services.deletion import delete_service
from services.editing import create_service, edit_service
from services.filters import ServiceFilter, facet_counts
from services.models import Category, Service, ServiceRedirect
from services.publishing import pause_service, publish_service

SERVICE_JSON_CACHE_SECONDS = 600


class IsServiceOwnerOrReadOnly(BasePermission):
    message = "Only the freelancer who offers this service can change it."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or obj.is_owned_by(request.user)


@schema.category_list
class CategoryListView(generics.GenericAPIView):
    """The category tree: top-level categories, each with its subcategories."""

    serializer_class = CategoryTreeSerializer

    def get(self, request: Request) -> Response:
        roots = sorted(Category.objects.tree(), key=lambda c: (c.position, c.name, c.pk))
        page = self.paginate_queryset(roots)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@schema.service_list
@method_decorator(cache_public_page, name="dispatch")
class ServiceListView(generics.ListCreateAPIView):
    serializer_class = ServiceSerializer
    filter_backends = [FilterBackend]
    filterset_class = ServiceFilter
    filterset: ServiceFilter

    def get_queryset(self):
        return Service.objects.for_api().published()

    def list(self, request: Request, *args, **kwargs) -> Response:
        (backend,) = self.filter_backends
        self.filterset = backend().valid_filterset(request, self.get_queryset(), self)
        # Everything but the services' representations, kept per address (its filters, page
        # or cursor, and host: the links are absolute) and catalogue version: a list asked
        # before builds no query to find its page.
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        kept = pagecache.kept(
            f"api-services:{address}", self.filterset.version_of(pagecache.CATALOGUE), self._page
        )
        ids = kept.pop("ids")
        # The services behind the ids are fetched only when their representation is not
        # cached yet.
        return Response({**kept, "results": _representations(self, ids)})

    def _page(self) -> dict:
        """The list's page without its services: their ids, and the counts, links, facets and
        spelling that come with them."""
        request = self.request
        services = self.filterset.qs
        facets = facet_counts(self.filterset)
        sort = self.filterset.sort_key
        # Each row of the page is its id and its sort key: the key of the last one is the
        # next page's cursor (services.keyset).
        ranked = self.filterset.ranked_ids  # a relevance sort's window (no cursors)
        rows = (
            services.values_list("pk", *keyset.key_fields(sort))
            if ranked is None
            else [(pk,) for pk in ranked]
        )
        cursor = request.query_params.get(keyset.CURSOR)
        if cursor is not None:
            page, next_link, previous_link = self._cursor_page(rows, sort, cursor)
        else:
            # The facets counted every result (and are cached): no second COUNT(*).
            page = self.paginator.paginate_queryset(
                rows, request, view=self, count=self.filterset.reachable_count(facets.total)
            )
            next_link = self.paginator.get_next_link()
            previous_link = self.paginator.get_previous_link()
            number = self.paginator.page.number
            if next_link and page and sort in keyset.KEYS and number >= keyset.PAGES_BY_NUMBER:
                next_link = _cursor_link(request, sort, page[-1])
        return {
            "count": facets.total,
            "count_exact": facets.exact,
            "next": next_link,
            "previous": previous_link,
            "corrected_query": self.filterset.corrected_query,
            "facets": _plain(FacetsSerializer(facets).data),
            "ids": [row[0] for row in page],
        }

    def _cursor_page(self, rows, sort: str, cursor: str) -> tuple[list, str | None, None]:
        """The page after the cursor's row: an index range, however deep (services.keyset)."""
        request = self.request
        if not re.fullmatch(keyset.CURSOR_PATTERN, cursor):
            raise ValidationError({keyset.CURSOR: ["Not a cursor: follow the `next` link."]})
        try:
            values = keyset.decode(cursor, sort)
        except keyset.BadCursor as refusal:
            # A well-formed token that names no page of this list: as for an unknown slug, a
            # 404 naming the parameter (the schema's pattern already refuses malformed ones).
            raise ValidationError(
                {keyset.CURSOR: [ErrorDetail(str(refusal), code="does_not_exist")]}
            ) from refusal
        size = self.paginator.get_page_size(request)
        # One row more than the page tells whether a next page exists, without a COUNT.
        found = keyset.page_after(rows, sort, values, size + 1)
        page = found[:size]
        next_link = _cursor_link(request, sort, page[-1]) if len(found) > size else None
        return page, next_link, None

    def create(self, request: Request, *args, **kwargs) -> Response:
        owner = Profile.objects.of(request.user)
        if owner is None:
            raise PermissionDenied(
                "Only freelancers offer services: POST /api/v1/me/ to become one.",
                code="not_freelancer",
            )
        serializer = ServiceWriteSerializer(
            data=request.data, context={"form_kwargs": {"owner": owner}}
        )
        serializer.is_valid(raise_exception=True)
        service = create_service(owner=owner, **serializer.validated_data)
        return created(_service_data(request, service))


def _cursor_link(request: Request, sort: str, row: tuple) -> str:
    url = request.build_absolute_uri()
    url = remove_query_param(url, PageNumberPagination.page_query_param)
    return replace_query_param(url, keyset.CURSOR, keyset.encode(sort, row[1:]))


def _representations(view: generics.GenericAPIView, ids: list[int]) -> list[dict]:
    """The services' JSON, each kept in the cache for this catalogue version.

    Serializing twenty services costs more than finding them; any write that changes a
    service makes a new catalogue version (marketplace.pagecache), so a kept one is current.
    Keyed by host too: the representation holds absolute URLs.
    """
    request = view.request
    version = view.filterset.version_of(pagecache.CATALOGUE)
    prefix = f"api-service:{version}:{request.scheme}://{request.get_host()}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        services = Service.objects.for_api().in_bulk(missing)
        fresh = {
            keys[pk]: _plain(view.get_serializer(services[pk]).data)
            for pk in missing
            if pk in services
        }
        cache.set_many(fresh, SERVICE_JSON_CACHE_SECONDS)
        found.update(fresh)
    return [found[keys[pk]] for pk in ids if keys[pk] in found]


def _plain(representation: dict) -> dict:
    """The representation as its JSON reads it: plain dicts, lists and strings.

    DRF's links are strings that hold the object they link to, and a kept representation
    unpickled its services' owners and categories with them: 0.45 ms a service, against
    0.03 ms for its JSON's values.
    """
    return json.loads(JSONRenderer().render(representation))


def _service_data(request: Request, service: Service) -> dict:
    service = Service.objects.for_api().get(pk=service.pk)
    return ServiceSerializer(service, context={"request": request}).data


class _OwnedServiceMixin:
    """Services by slug: anyone reads what they may see; only the owner changes them."""

    lookup_field = "slug"
    serializer_class = ServiceSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsServiceOwnerOrReadOnly]

    def get_queryset(self):
        return Service.objects.for_api().visible_to(self.request.user)


@schema.service_detail
class ServiceDetailView(_OwnedServiceMixin, generics.RetrieveUpdateDestroyAPIView):
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            renamed = ServiceRedirect.objects.service_renamed_from(
                kwargs["slug"], user=request.user
            )
            if renamed is None:
                raise
            url = reverse("api:service-detail", kwargs={"slug": renamed.slug}, request=request)
            return Response(status=status.HTTP_301_MOVED_PERMANENTLY, headers={"Location": url})

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        service = self.get_object()
        serializer = ServiceWriteSerializer(service, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        service = edit_service(service=service, **serializer.validated_data)
        return Response(_service_data(request, service))

    def perform_destroy(self, service: Service) -> None:
        delete_service(service=service)


class _ServiceStatusView(_OwnedServiceMixin, generics.GenericAPIView):
    def post(self, request: Request, slug: str) -> Response:
        service = self.change(self.get_object())
        return Response(_service_data(request, service))


@schema.service_publish
class ServicePublishView(_ServiceStatusView):
    def change(self, service: Service) -> Service:
        return publish_service(service=service)


@schema.service_pause
class ServicePauseView(_ServiceStatusView):
    def change(self, service: Service) -> Service:
        return pause_service(service=service)


@schema.own_service_list
class OwnServiceListView(generics.ListAPIView):
    serializer_class = ServiceSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Service.objects.for_api().owned_by(self.request.user).order_by("-updated_at", "-id")


@schema.profile_service_list
class ProfileServiceListView(generics.ListAPIView):
    serializer_class = ServiceSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Service.objects.none()
        profile = get_object_or_404(Profile, slug=self.kwargs["slug"])
        return (
            Service.objects.for_api()
            .published()
            .filter(owner=profile)
            .order_by("-created_at", "-id")
        )
