"""Orders: place one (a package and add-ons, priced on the server), list and read them,
answer the requirements, cancel a late one, offer and answer extras. Paying, delivering,
revisions and acceptance are the order's milestone's endpoints (payments API). The OpenAPI
prose is in `orders.api.schema`."""

import uuid
from collections.abc import Callable

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from idempotency.middleware import HEADER
from marketplace.api.parsers import JSONParser
from marketplace.api.responses import created
from orders import extras, lateness, placing, requirements
from orders.access import get_extra_to_act_on, get_order_for, get_order_to_act_on
from orders.api import schema
from orders.api.serializers import (
    EXTRA_OFFER_SERIALIZERS,
    OrderCreateSerializer,
    OrderExtraSerializer,
    OrderSerializer,
    RequirementsSerializer,
)
from orders.exceptions import OrderRefused
from orders.forms import RequirementsForm, field_name
from orders.models import Order, OrderExtra
from services.models import TIER_BY_NAME, QuestionKind, Service

# The extras with their milestones, as the order's representation shows them.
EXTRAS = Prefetch("extras", queryset=OrderExtra.objects.select_related("milestone"))


def _order_data(request: Request, order: Order) -> dict:
    order = get_order_for(request.user, order.pk)
    prefetch_related_objects([order], EXTRAS)
    return OrderSerializer(order, context={"request": request}).data


@schema.ORDER_CREATE
class OrderCreateView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, slug: str) -> Response:
        service = get_object_or_404(Service.objects.published().select_related("owner"), slug=slug)
        serializer = OrderCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = placing.place_order(
            service=service,
            client=request.user,
            tier=TIER_BY_NAME[serializer.validated_data["package"]],
            add_on_ids=serializer.validated_data["add_ons"],
            # The Idempotency-Key names the order too: a retry that outlived the stored
            # answer still finds the same order.
            request_key=request.headers.get(HEADER) or uuid.uuid4().hex,
        )
        return created(_order_data(request, order))


@schema.ORDER_LIST
class OrderListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = OrderSerializer

    def get_queryset(self):
        return (
            Order.objects.for_pages()
            .involving(self.request.user)
            .prefetch_related("answers", EXTRAS)
            .order_by("-placed_at", "-id")
        )


@schema.ORDER_DETAIL
class OrderDetailView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        return Response(_order_data(request, get_order_for(request.user, pk)))


@schema.REQUIREMENTS
class RequirementsView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def post(self, request: Request, pk: int) -> Response:
        order = get_order_to_act_on(request.user, pk)
        requirements.check_client(order, request.user)
        serializer = RequirementsSerializer(data=_answers_of(request))
        serializer.is_valid(raise_exception=True)
        questions = list(order.service.questions.all())
        texts = serializer.validated_data["answers"]
        data, files = {}, {}
        for question in questions:
            if question.kind == QuestionKind.FILE:
                upload = request.FILES.get(f"file_{question.pk}")
                if upload is not None:
                    files[field_name(question)] = upload
            else:
                data[field_name(question)] = texts.get(str(question.pk), "")
        form = RequirementsForm(data, files, questions=questions)
        if not form.is_valid():
            names = {field_name(q): str(q.pk) for q in questions}
            raise OrderRefused(
                " ".join(
                    f"Question {names.get(name, '')}: {message}"
                    for name, messages in form.errors.items()
                    for message in messages
                ),
                code="invalid",
            )
        order = requirements.submit_requirements(
            order=order, by=request.user, answers=form.answers()
        )
        return Response(_order_data(request, order))


def _answers_of(request: Request) -> dict:
    """The answers as JSON sends them, or as multipart fields named `answers[<id>]`."""
    if isinstance(request.data, dict) and "answers" in request.data:
        return request.data
    answers = {
        key[len("answers[") : -1]: value
        for key, value in request.data.items()
        if key.startswith("answers[") and key.endswith("]")
    }
    return {"answers": answers}


@schema.CANCEL
class CancelView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        order = get_order_to_act_on(request.user, pk)
        order = lateness.cancel_late_order(order=order, by=request.user)
        return Response(_order_data(request, order))


@schema.EXTRA_OFFER
class ExtraOfferView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        order = get_order_to_act_on(request.user, pk)
        extras.check_freelancer(order, request.user)
        kind = request.data.get("kind") if isinstance(request.data, dict) else None
        serializer_class = EXTRA_OFFER_SERIALIZERS.get(kind) if isinstance(kind, str) else None
        if serializer_class is None:
            raise serializers.ValidationError({"kind": ["Send `extension` or `add_on`."]})
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        extra = extras.offer_extra(
            order=order, by=request.user, offer=extras.ExtraOffer.of(serializer.validated_data)
        )
        return created(OrderExtraSerializer(extra, context={"request": request}).data)


class _ExtraAnswerView(APIView):
    """One answer to an open offer: the workflow named by `answer`."""

    permission_classes = [IsAuthenticated]
    answer: Callable[..., OrderExtra]

    def post(self, request: Request, pk: int) -> Response:
        extra = get_extra_to_act_on(request.user, pk)
        extra = self.answer(extra=extra, by=request.user)
        return Response(OrderExtraSerializer(extra, context={"request": request}).data)


@schema.EXTRA_ACCEPT
class ExtraAcceptView(_ExtraAnswerView):
    answer = staticmethod(extras.accept_extra)


@schema.EXTRA_DECLINE
class ExtraDeclineView(_ExtraAnswerView):
    answer = staticmethod(extras.decline_extra)


@schema.EXTRA_WITHDRAW
class ExtraWithdrawView(_ExtraAnswerView):
    answer = staticmethod(extras.withdraw_extra)
