"""Saved searches: the signed-in user's own, to list, save, change and delete."""

from rest_framework import generics
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.responses import created
from saved_searches import saving
from saved_searches.api import schema
from saved_searches.api.serializers import (
    SavedSearchCreateSerializer,
    SavedSearchSerializer,
    SavedSearchUpdateSerializer,
)
from saved_searches.models import SavedSearch


class IsOwnerOrStaffReading(BasePermission):
    message = "Only its owner may change a saved search."

    def has_object_permission(self, request, view, obj) -> bool:
        return obj.user_id == request.user.pk or (
            request.method in SAFE_METHODS and request.user.is_staff
        )


def _read(request: Request, search: SavedSearch) -> dict:
    return SavedSearchSerializer(search, context={"request": request}).data


@schema.saved_search_list
class SavedSearchListView(generics.ListAPIView):
    serializer_class = SavedSearchSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return SavedSearch.objects.owned_by(self.request.user).order_by("name", "pk")

    def post(self, request: Request) -> Response:
        serializer = SavedSearchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        search = saving.save_search(user=request.user, **serializer.validated_data)
        return created(_read(request, search))


@schema.saved_search_detail
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
        return Response(_read(request, search))
