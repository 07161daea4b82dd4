"""The API of what a service sells in one step: its packages (by tier), add-ons and
requirement questions. Reading is public for a visible service; only its freelancer writes,
through the dashboard's forms (`FormSerializer`) and the same workflows (`services.packages`).
The OpenAPI prose is in `services.api.offer_schema`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.form_serializers import FormSerializer
from marketplace.api.responses import created
from services import packages
from services.api import offer_schema as schema
from services.api.offer_serializers import (
    AddOnSerializer,
    AddOnWriteSerializer,
    PackageSerializer,
    PackageWriteSerializer,
    QuestionSerializer,
    QuestionWriteSerializer,
)
from services.models import TIER_BY_NAME, PackageTier, Service


class _OfferView(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = None
    message = "Only the freelancer who offers this service can change it."

    def service(self, *, to_change: bool = False) -> Service:
        service = get_object_or_404(
            Service.objects.visible_to(self.request.user).select_related("owner"),
            slug=self.kwargs["slug"],
        )
        if to_change and not service.is_owned_by(self.request.user):
            self.permission_denied(self.request, message=self.message)
        return service


@schema.package_list
class PackageListView(_OfferView):
    serializer_class = PackageSerializer

    def get(self, request: Request, slug: str) -> Response:
        service = self.service()
        return Response(PackageSerializer(service.packages.all(), many=True).data)


@schema.package_detail
class PackageDetailView(_OfferView):
    serializer_class = PackageSerializer

    def _tier(self) -> PackageTier:
        tier = TIER_BY_NAME.get(self.kwargs["tier"])
        if tier is None:
            raise Http404("No such tier: use basic, standard or premium.")
        return tier

    def get_object(self):
        # DRF's OPTIONS looks for the object a PUT would change, through this.
        return get_object_or_404(self.service().packages, tier=self._tier())

    def get(self, request: Request, slug: str, tier: str) -> Response:
        return Response(PackageSerializer(self.get_object()).data)

    def put(self, request: Request, slug: str, tier: str) -> Response:
        service = self.service(to_change=True)
        tier_value = self._tier()
        existing = service.packages.filter(tier=tier_value).first()
        serializer = PackageWriteSerializer(
            existing, data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        package = packages.save_package(
            service=service, tier=tier_value, **serializer.validated_data
        )
        data = PackageSerializer(package).data
        return Response(data) if existing else created(data)

    def delete(self, request: Request, slug: str, tier: str) -> Response:
        service = self.service(to_change=True)
        package = get_object_or_404(service.packages, tier=self._tier())
        packages.delete_package(package=package)
        return Response(status=204)


class _ExtraListView(_OfferView):
    related: str
    write_serializer: type[FormSerializer]
    save: staticmethod

    def get(self, request: Request, slug: str) -> Response:
        items = getattr(self.service(), self.related).all()
        return Response(self.serializer_class(items, many=True).data)

    def post(self, request: Request, slug: str) -> Response:
        service = self.service(to_change=True)
        serializer = self.write_serializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        item = type(self).save(service=service, **serializer.validated_data)
        return created(self.serializer_class(item).data)


class _ExtraDetailView(_OfferView):
    related: str
    argument: str
    write_serializer: type[FormSerializer]
    save: staticmethod
    remove: staticmethod

    def item(self, service: Service, pk: int):
        return get_object_or_404(getattr(service, self.related), pk=pk)

    def get(self, request: Request, slug: str, pk: int) -> Response:
        return Response(self.serializer_class(self.item(self.service(), pk)).data)

    def patch(self, request: Request, slug: str, pk: int) -> Response:
        service = self.service(to_change=True)
        item = self.item(service, pk)
        serializer = self.write_serializer(
            item, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        item = type(self).save(
            service=service, **{self.argument: item}, **serializer.validated_data
        )
        return Response(self.serializer_class(item).data)

    def delete(self, request: Request, slug: str, pk: int) -> Response:
        service = self.service(to_change=True)
        type(self).remove(**{self.argument: self.item(service, pk)})
        return Response(status=204)


@schema.add_on_list
class AddOnListView(_ExtraListView):
    serializer_class = AddOnSerializer
    write_serializer = AddOnWriteSerializer
    related = "add_ons"
    save = staticmethod(packages.save_add_on)


@schema.add_on_detail
class AddOnDetailView(_ExtraDetailView):
    serializer_class = AddOnSerializer
    write_serializer = AddOnWriteSerializer
    related, argument = "add_ons", "add_on"
    save = staticmethod(packages.save_add_on)
    remove = staticmethod(packages.delete_add_on)


@schema.question_list
class QuestionListView(_ExtraListView):
    serializer_class = QuestionSerializer
    write_serializer = QuestionWriteSerializer
    related = "questions"
    save = staticmethod(packages.save_question)


@schema.question_detail
class QuestionDetailView(_ExtraDetailView):
    serializer_class = QuestionSerializer
    write_serializer = QuestionWriteSerializer
    related, argument = "questions", "question"
    save = staticmethod(packages.save_question)
    remove = staticmethod(packages.delete_question)
