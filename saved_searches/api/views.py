"""Saved searches: the signed-in user's own, to list, save, change and delete."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.errors import ErrorSerializer
from saved_searches import saving
from saved_searches.api.serializers import (
    SavedSearchCreateSerializer,
    SavedSearchSerializer,
    SavedSearchUpdateSerializer,
)
from saved_searches.models import MAX_SAVED_SEARCHES, SavedSearch

SEARCH_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The saved search's id.")
TOO_MANY = OpenApiResponse(
    ErrorSerializer,
    description=f"`too_many`: you keep {MAX_SAVED_SEARCHES} saved searches already.",
)
SEARCH_EXAMPLE = OpenApiExample(
    "News writers, daily",
    value={
        "kind": "services",
        "query": "q=news&skill=news-writing&max_rate=40",
        "name": "News writers",
        "frequency": "daily",
    },
    request_only=True,
)


class IsOwnerOrStaffReading(BasePermission):
    message = "Only its owner may change a saved search."

    def has_object_permission(self, request, view, obj) -> bool:
        return obj.user_id == request.user.pk or (
            request.method in SAFE_METHODS and request.user.is_staff
        )


def _read(request: Request, search: SavedSearch, *, status_code: int = 200) -> Response:
    data = SavedSearchSerializer(search, context={"request": request}).data
    headers = {"Location": str(data["url"])} if status_code == 201 else None
    return Response(data, status=status_code, headers=headers)


@extend_schema_view(
    get=extend_schema(
        operation_id="saved_searches_list",
        summary="Your saved searches",
        description="Only your own, by name.",
    ),
)
class SavedSearchListView(generics.ListAPIView):
    serializer_class = SavedSearchSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return SavedSearch.objects.owned_by(self.request.user).order_by("name", "pk")

    @extend_schema(
        operation_id="saved_searches_create",
        summary="Save a search",
        description="Its email alerts list services (or, for `jobs`, open public jobs) "
        "published from now on that match it: `instant` every few minutes, `daily` or "
        f"`weekly`. At most {MAX_SAVED_SEARCHES} per person.",
        request=SavedSearchCreateSerializer,
        responses={201: SavedSearchSerializer, 409: TOO_MANY},
        examples=[SEARCH_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        serializer = SavedSearchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        search = saving.save_search(user=request.user, **serializer.validated_data)
        return _read(request, search, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="saved_searches_retrieve",
        summary="A saved search",
        description="Its owner, and staff (read-only).",
        parameters=[SEARCH_ID],
    ),
    patch=extend_schema(
        operation_id="saved_searches_partial_update",
        summary="Rename, reschedule, pause or resume a saved search",
        description="Its owner only. The query cannot change: save a new search instead.",
        parameters=[SEARCH_ID],
        request=SavedSearchUpdateSerializer,
        responses={200: SavedSearchSerializer},
    ),
    delete=extend_schema(
        operation_id="saved_searches_destroy",
        summary="Delete a saved search",
        description="Its owner only.",
        parameters=[SEARCH_ID],
    ),
)
class SavedSearchDetailView(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = SavedSearchSerializer
    permission_classes = [IsAuthenticated, IsOwnerOrStaffReading]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if user.is_authenticated and user.is_staff:
            return SavedSearch.objects.all()
        return SavedSearch.objects.owned_by(user)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        search = self.get_object()
        serializer = SavedSearchUpdateSerializer(search, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        paused = serializer.validated_data.get("paused")
        search = saving.change_saved_search(
            search=search,
            name=serializer.validated_data["name"],
            frequency=serializer.validated_data["frequency"],
        )
        if paused is True:
            search = saving.pause_alerts(search=search)
        elif paused is False:
            search = saving.resume_alerts(search=search)
        return _read(request, search)
