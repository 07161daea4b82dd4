"""Milestones, card funding, delivery, settlement, balances, payouts and receipts.

Each view fetches (with the pages' access rules), checks, validates (the pages' forms),
delegates to the workflow and responds; the OpenAPI prose is in `payments.api.schema`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.permissions import RecentSecondFactor
from engagements.access import get_engagement_for, get_engagement_to_act_on
from marketplace.api.parsers import JSONParser
from marketplace.api.responses import created
from payments import balances, funding, payouts, planning, processor
from payments.access import MILESTONES_FOR_PAGES, get_milestone_for, get_milestone_to_act_on
from payments.api import schema
from payments.api.serializers import (
    BalanceSerializer,
    ChargeSerializer,
    FundingSerializer,
    MilestoneSerializer,
    MovementSerializer,
    PaymentSerializer,
    PayoutDetailsSerializer,
    PayoutSerializer,
    PayoutWriteSerializer,
    PlanSerializer,
    PlanWriteSerializer,
    ReceiptSerializer,
)
from payments.exceptions import PaymentRefused
from payments.models import Milestone, MilestonePlan, Payment, Payout, PayoutDetails, Receipt
from payments.steps import STEPS

# The endpoints that move a freelancer's money out or say where it goes: a second factor,
# used recently by the session or sent as a code.
MONEY_DESTINATION_PERMISSIONS = [RecentSecondFactor]


def _milestones():
    return MILESTONES_FOR_PAGES.prefetch_related(
        "refund_proposals", "disputes", "submissions__files"
    )


def _milestone_data(request: Request, pk: int) -> dict:
    milestone = _milestones().get(pk=pk)
    return MilestoneSerializer(milestone, context={"request": request}).data


@schema.PLAN
class PlanView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        engagement = get_engagement_for(request.user, pk)
        plan = get_object_or_404(MilestonePlan, engagement=engagement)
        return Response(_plan_data(request, plan))

    def put(self, request: Request, pk: int) -> Response:
        engagement = get_engagement_to_act_on(request.user, pk)
        if reason := planning.why_no_plan(engagement):
            raise PaymentRefused(reason, code="no_plan")
        serializer = PlanWriteSerializer(data=request.data, context={"engagement": engagement})
        serializer.is_valid(raise_exception=True)
        plan = planning.propose_plan(
            engagement=engagement, by=request.user, milestones=serializer.validated_data["drafts"]
        )
        return Response(_plan_data(request, plan))


def _plan_data(request: Request, plan: MilestonePlan) -> dict:
    milestones = _milestones().filter(engagement_id=plan.engagement_id).order_by("position")
    context = {"request": request, "milestones": milestones}
    return PlanSerializer(plan, context=context).data


@schema.PLAN_ACCEPT
class PlanAcceptView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        engagement = get_engagement_to_act_on(request.user, pk)
        plan = planning.accept_plan(engagement=engagement, by=request.user)
        return Response(_plan_data(request, plan))


@schema.MILESTONE
class MilestoneDetailView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        get_milestone_for(request.user, pk)
        return Response(_milestone_data(request, pk))


@schema.FUND
class FundView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        milestone = get_milestone_to_act_on(request.user, pk)
        form = funding.start_funding(milestone=milestone, by=request.user)
        payment = form.payment
        data = {
            "payment": payment.pk,
            "payment_intent": payment.payment_intent_id,
            "client_secret": form.payment_client_secret,
            "setup_intent": form.setup_intent_id,
            "setup_client_secret": form.setup_client_secret,
            "publishable_key": form.publishable_key,
            "stripe_js": processor.stripe_js_url(),
            "test_mode": form.test_mode,
            "amount": payment.amount,
            "amount_minor": payment.amount_minor,
            "currency": payment.currency,
        }
        return Response(FundingSerializer(data).data)


def _own_payment(request: Request, pk: int) -> Payment:
    payment = get_object_or_404(Payment.objects.select_related("milestone"), pk=pk)
    if payment.milestone_id is None:
        raise Http404("This payment's milestone no longer exists.")
    get_milestone_to_act_on(request.user, payment.milestone_id)
    return payment


@schema.CHARGE
class PaymentChargeView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        payment = _own_payment(request, pk)
        serializer = ChargeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment = funding.charge_card(
            payment=payment,
            setup_intent_id=serializer.validated_data["setup_intent"],
            by=request.user,
        )
        return Response(PaymentSerializer(payment).data)


@schema.REFRESH
class PaymentRefreshView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        payment = _own_payment(request, pk)
        if payment.payment_intent_id:
            payment = funding.record_payment(payment.payment_intent_id) or payment
        return Response(PaymentSerializer(payment).data)


class MilestoneStepView(APIView):
    """One step of a milestone (`payments.steps.STEPS`), validated by the page's own form."""

    permission_classes = [IsAuthenticated]
    step: str
    request_serializer = None

    def post(self, request: Request, pk: int) -> Response:
        milestone = get_milestone_to_act_on(request.user, pk)
        spec = STEPS[self.step]
        data = {}
        if self.request_serializer is not None:
            form_kwargs = {"milestone": milestone} if spec.milestone_in_form else {}
            serializer = self.request_serializer(
                data=request.data, context={"form_kwargs": form_kwargs}
            )
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        spec.run(milestone, request.user, data)
        return Response(_milestone_data(request, milestone.pk))


def step_view(step: str):
    """The endpoint class of a step, with its schema and request serializer."""
    request_serializer, decorate = schema.STEP_SCHEMAS[step]
    attrs = {"step": step, "request_serializer": request_serializer}
    if step == "submit":
        attrs["parser_classes"] = [MultiPartParser, FormParser, JSONParser]
    return decorate(type(f"{step.title().replace('-', '')}StepView", (MilestoneStepView,), attrs))


@schema.BALANCE
class BalanceView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(BalanceSerializer(balances.balances_of(request.user), many=True).data)


@schema.MOVEMENTS
class MovementListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = MovementSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Milestone.objects.none()
        return balances.movements_of(self.request.user)


@schema.PAYOUTS
class PayoutListView(generics.ListCreateAPIView):
    serializer_class = PayoutSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [permission() for permission in MONEY_DESTINATION_PERMISSIONS]
        return [IsAuthenticated()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Payout.objects.none()
        return Payout.objects.filter(freelancer=self.request.user)

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = PayoutWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payout = payouts.request_payout(
            freelancer=request.user,
            currency=serializer.validated_data["currency"],
            amount=serializer.validated_data["amount"],
        )
        data = PayoutSerializer(payout, context={"request": request}).data
        return created(data)


@schema.PAYOUT_DETAILS
class PayoutDetailsView(APIView):
    permission_classes = MONEY_DESTINATION_PERMISSIONS

    def get(self, request: Request) -> Response:
        details = get_object_or_404(PayoutDetails, user=request.user)
        return Response(
            {"account_holder": details.account_holder, "bank_details": details.bank_details}
        )

    def put(self, request: Request) -> Response:
        serializer = PayoutDetailsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        details = payouts.save_payout_details(user=request.user, **serializer.validated_data)
        return Response(
            {"account_holder": details.account_holder, "bank_details": details.bank_details}
        )


@schema.RECEIPTS
class ReceiptListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ReceiptSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Receipt.objects.none()
        user = self.request.user
        # Your own receipts (staff too: the admin lists everyone's).
        return Receipt.objects.filter(client=user) | Receipt.objects.filter(freelancer=user)


@schema.RECEIPT
class ReceiptDetailView(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ReceiptSerializer
    lookup_field = "number"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Receipt.objects.none()
        return Receipt.objects.readable_by(self.request.user)
