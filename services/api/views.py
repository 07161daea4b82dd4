"""Categories, and services: search, detail, and the owner's create/edit/publish/pause/delete."""

import re

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.urls import remove_query_param, replace_query_param

from marketplace import pagecache
from marketplace.api.errors import ErrorSerializer
from marketplace.api.filtering import FilterBackend
from marketplace.api.pagination import PageNumberPagination
from marketplace.api.steps import step_schema
from marketplace.pagecache import cache_public_page
from profiles.api.views import PROFILE_SLUG
from profiles.models import Profile
from services import keyset
from services.api.serializers import (
    CategoryTreeSerializer,
    FacetsSerializer,
    ServicePageSerializer,
    ServiceSerializer,
    ServiceWriteSerializer,
)
from services.deletion import delete_service
from services.editing import create_service, edit_service
from services.filters import COUNTED_RESULTS, RANKED_MATCHES, ServiceFilter, facet_counts
from services.models import Category, Service, ServiceRedirect
from services.publishing import pause_service, publish_service

# The API's service list links its first pages by number; from this page on, `next` is a
# cursor (services.keyset), so a client walking the whole list never asks for a deep OFFSET.
PAGES_BY_NUMBER = 5
CURSOR = "cursor"
SEED_SLUG = "putin-and-xi-meet-against-backdrop"
SERVICE_JSON_CACHE_SECONDS = 600
SERVICE_SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The service's slug (its address on the site).",
    examples=[OpenApiExample("The seed service", value=SEED_SLUG)],
)
SERVICE_EXAMPLE = OpenApiExample(
    "A news-writing service",
    value={
        "title": "I will write a news article on world affairs",
        "category": "articles-news",
        "description": "Fact-checked news articles of 600 to 1,200 words, delivered in 48 hours.",
        "hourly_rate": "15.00",
        "starting_price": "25.00",
        "currency": "USD",
        "engagement": "ongoing",
        "skills": ["News Writing", "Journalism"],
    },
    request_only=True,
)


# The skill filter goes through a many-to-many to the slug, which the schema generator cannot
# follow; its values are skill slugs.
extend_schema_field(OpenApiTypes.STR)(ServiceFilter.base_filters["skill"])


class IsServiceOwnerOrReadOnly(BasePermission):
    message = "Only the freelancer who offers this service can change it."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or obj.is_owned_by(request.user)


class CategoryListView(generics.GenericAPIView):
    """The category tree: top-level categories, each with its subcategories."""

    serializer_class = CategoryTreeSerializer

    @extend_schema(
        operation_id="categories_list",
        summary="The category tree",
        responses=CategoryTreeSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        roots = sorted(Category.objects.tree(), key=lambda c: (c.position, c.name, c.pk))
        page = self.paginate_queryset(roots)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="services_list",
        summary="Search services",
        description="Published services with the search page's full-text search (`q`), "
        "filters and sort (`sort`; best rated first by default, most relevant first when "
        "searching). `count` and `facets` count the results (per category and skill), up to "
        f"{COUNTED_RESULTS:,} (`count_exact`); the relevance sort ranks the {RANKED_MATCHES} "
        "best-rated matches and pages through those, the other sorts through all. Invalid "
        "filter values answer 400 with the messages per parameter. Deep pages: the first "
        f"{PAGES_BY_NUMBER} pages link `next` by page number, later ones by `cursor`, which "
        "costs the same at any depth.",
        parameters=[
            OpenApiParameter(
                CURSOR,
                str,
                description="The page after the row this cursor names: an opaque token, taken "
                "from a `next` link (never built by hand), for the same filters and sort. "
                "With a cursor, `page` is ignored. Not for the relevance sort, whose ranked "
                "results are paged by number. A cursor page's `previous` is null. From page "
                f"{PAGES_BY_NUMBER} on, `next` carries one. A well-formed cursor this list did "
                "not give out (another sort, a forged token) is a 404.",
                pattern=keyset.CURSOR_PATTERN,
            )
        ],
        responses={200: ServicePageSerializer},
    ),
    post=extend_schema(
        operation_id="services_create",
        summary="Create a service",
        description="A new draft (publish it with `/publish/`). Freelancers only.",
        request=ServiceWriteSerializer,
        responses={201: ServiceSerializer},
        examples=[SERVICE_EXAMPLE],
    ),
)
@method_decorator(cache_public_page, name="dispatch")
class ServiceListView(generics.ListCreateAPIView):
    serializer_class = ServiceSerializer
    filter_backends = [FilterBackend]
    filterset_class = ServiceFilter
    filterset: ServiceFilter

    def get_queryset(self):
        return Service.objects.for_api().published()

    def list(self, request: Request, *args, **kwargs) -> Response:
        services = self.filter_queryset(self.get_queryset())
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
        cursor = request.query_params.get(CURSOR)
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
            if next_link and page and sort in keyset.KEYS and number >= PAGES_BY_NUMBER:
                next_link = _cursor_link(request, sort, page[-1])
        return Response(
            {
                "count": facets.total,
                "count_exact": facets.exact,
                "next": next_link,
                "previous": previous_link,
                "corrected_query": self.filterset.corrected_query,
                "facets": FacetsSerializer(facets).data,
                # The services behind the ids are fetched only when their representation is
                # not cached yet.
                "results": _representations(self, [row[0] for row in page]),
            }
        )

    def _cursor_page(self, rows, sort: str, cursor: str) -> tuple[list, str | None, None]:
        """The page after the cursor's row: an index range, however deep (services.keyset)."""
        request = self.request
        if not re.fullmatch(keyset.CURSOR_PATTERN, cursor):
            raise ValidationError({CURSOR: ["Not a cursor: follow the `next` link."]})
        try:
            values = keyset.decode(cursor, sort)
        except keyset.BadCursor as refusal:
            # A well-formed token that names no page of this list: as for an unknown slug, a
            # 404 naming the parameter (the schema's pattern already refuses malformed ones).
            raise ValidationError(
                {CURSOR: [ErrorDetail(str(refusal), code="does_not_exist")]}
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
        return _service_response(request, service, status=status.HTTP_201_CREATED)


def _cursor_link(request: Request, sort: str, row: tuple) -> str:
    url = request.build_absolute_uri()
    url = remove_query_param(url, PageNumberPagination.page_query_param)
    return replace_query_param(url, CURSOR, keyset.encode(sort, row[1:]))


def _representations(view: generics.GenericAPIView, ids: list[int]) -> list[dict]:
    """The services' JSON, each kept in the cache for this catalogue version.

    Serializing twenty services costs more than finding them; any write that changes a
    service makes a new catalogue version (marketplace.pagecache), so a kept one is current.
    Keyed by host too: the representation holds absolute URLs.
    """
    request = view.request
    prefix = f"api-service:{pagecache.current_version()}:{request.scheme}://{request.get_host()}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        services = Service.objects.for_api().in_bulk(missing)
        fresh = {
            keys[pk]: view.get_serializer(services[pk]).data for pk in missing if pk in services
        }
        cache.set_many(fresh, SERVICE_JSON_CACHE_SECONDS)
        found.update(fresh)
    return [found[keys[pk]] for pk in ids if keys[pk] in found]


def _service_response(request: Request, service: Service, *, status: int = 200) -> Response:
    service = Service.objects.for_api().get(pk=service.pk)
    data = ServiceSerializer(service, context={"request": request}).data
    # str(): the serializer's url is a Hyperlink, a str subclass that wsgiref refuses in headers.
    headers = {"Location": str(data["url"])} if status == 201 else None
    return Response(data, status=status, headers=headers)


class _OwnedServiceMixin:
    """Services by slug: anyone reads what they may see; only the owner changes them."""

    lookup_field = "slug"
    serializer_class = ServiceSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsServiceOwnerOrReadOnly]

    def get_queryset(self):
        return Service.objects.for_api().visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(
        operation_id="services_retrieve",
        summary="A service",
        parameters=[SERVICE_SLUG],
        responses={
            200: ServiceSerializer,
            301: OpenApiResponse(
                description="The service was renamed: `Location` holds its current address."
            ),
        },
    ),
    patch=extend_schema(
        operation_id="services_partial_update",
        summary="Edit a service",
        description="Send only the fields to change. A new title gives a new slug; the old "
        "one keeps redirecting.",
        parameters=[SERVICE_SLUG],
        request=ServiceWriteSerializer,
        responses={200: ServiceSerializer},
        examples=[SERVICE_EXAMPLE],
    ),
    delete=extend_schema(
        operation_id="services_destroy",
        summary="Delete a service",
        parameters=[SERVICE_SLUG],
        responses={
            204: None,
            409: OpenApiResponse(
                ErrorSerializer,
                description="The service has reviews or engagements: pause it instead.",
            ),
        },
    ),
)
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
        return _service_response(request, service)

    def perform_destroy(self, service: Service) -> None:
        delete_service(service=service)


class _ServiceStatusView(_OwnedServiceMixin, generics.GenericAPIView):
    def post(self, request: Request, slug: str) -> Response:
        service = self.change(self.get_object())
        return _service_response(request, service)


@step_schema(
    operation_id="services_publish",
    summary="Publish a service",
    description="Lists the service in search, its category and the freelancer's profile.",
    parameters=[SERVICE_SLUG],
    response=ServiceSerializer,
)
class ServicePublishView(_ServiceStatusView):
    def change(self, service: Service) -> Service:
        return publish_service(service=service)


@step_schema(
    operation_id="services_pause",
    summary="Pause a service",
    description="Hides the service from everyone but its owner; address and reviews stay.",
    parameters=[SERVICE_SLUG],
    response=ServiceSerializer,
)
class ServicePauseView(_ServiceStatusView):
    def change(self, service: Service) -> Service:
        return pause_service(service=service)


@extend_schema_view(
    get=extend_schema(operation_id="me_services_list", summary="Your services, drafts included")
)
class OwnServiceListView(generics.ListAPIView):
    serializer_class = ServiceSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Service.objects.for_api().owned_by(self.request.user).order_by("-updated_at", "-id")


@extend_schema_view(
    get=extend_schema(
        operation_id="profiles_services_list",
        summary="A freelancer's services",
        parameters=[PROFILE_SLUG],
    )
)
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
