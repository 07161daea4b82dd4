"""Your favourites: list, save and remove; only ever your own (staff included)."""

from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from favourites.api import schema
from favourites.api.serializers import FavouriteCreateSerializer, FavouriteSerializer
from favourites.models import Favourite
from favourites.saving import get_savable_target, save_favourite
from marketplace.api.responses import created


@schema.favourite_list
class FavouriteListView(generics.ListCreateAPIView):
    serializer_class = FavouriteSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Favourite.objects.of(self.request.user).for_list()

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = FavouriteCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kind, lookup = serializer.target_lookup
        target = get_savable_target(request.user, kind, **lookup)
        favourite, is_new = save_favourite(user=request.user, target=target)
        # The row as saved, not read again: a removal at the same moment may have deleted it.
        data = FavouriteSerializer(favourite, context={"request": request}).data
        if is_new:
            return created(data)
        return Response(data, status=status.HTTP_200_OK)


@schema.favourite_detail
class FavouriteDetailView(generics.RetrieveDestroyAPIView):
    serializer_class = FavouriteSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Favourite.objects.of(self.request.user).for_list()
