"""Hourly contracts: terms, the saved card, time entries, weeks, charges and disputes.

Each view fetches with the pages' access rules (`timesheets.access`), validates with the
pages' forms, delegates to the same workflows and responds; the OpenAPI prose is in
`timesheets.api.schema`. Every POST takes an `Idempotency-Key` (the project's middleware)."""

from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.api.responses import created
from payments import processor
from payments.models import Receipt
from timesheets import access, calendar, cards, charging, entries, review, terms
from timesheets.api import schema
from timesheets.api.serializers import (
    CardConfirmSerializer,
    CardSetupSerializer,
    ContractSerializer,
    TermsDecisionSerializer,
    TermsSerializer,
    TermsWriteSerializer,
    TimeEntrySerializer,
    TimeEntryWriteSerializer,
    WeekDetailSerializer,
    WeekDisputeSerializer,
    WeekDisputeWriteSerializer,
    WeekSerializer,
)
from timesheets.exceptions import HourlyRefused
from timesheets.models import Contract, TermsStatus, TimeEntry, Week

STATE_CHANGES = {"pause": terms.pause, "resume": terms.resume, "end": terms.end}


def _contract_of(user, pk: int) -> Contract:
    contract = access.contract_of(access.get_engagement(user, pk))
    if contract is None:
        raise HourlyRefused("No hourly terms have been proposed yet.", code="no_terms")
    return contract


def _contract_data(contract: Contract) -> dict:
    monday = calendar.week_start(contract.time_zone)
    context = {
        "terms_in_force": contract.terms_for(monday),
        "open_terms": contract.terms.filter(status=TermsStatus.OPEN).first(),
        "current_week": contract.weeks.filter(starts_on=monday).first(),
        "why_no_time": entries.why_no_time(contract),
    }
    return ContractSerializer(contract, context=context).data


@schema.CONTRACT
class ContractView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        return Response(_contract_data(_contract_of(request.user, pk)))


@schema.TERMS
class TermsView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        engagement = access.get_engagement_to_act_on(request.user, pk)
        contract = access.contract_of(engagement)
        serializer = TermsWriteSerializer(
            data=request.data,
            context={"form_kwargs": {"zone_fixed": bool(contract and contract.is_started)}},
        )
        serializer.is_valid(raise_exception=True)
        proposed = terms.propose_terms(
            engagement=engagement, by=request.user, **serializer.validated_data
        )
        return created(TermsSerializer(proposed).data)


class _TermsDecisionView(APIView):
    permission_classes = [IsAuthenticated]
    workflow = staticmethod(terms.accept_terms)

    def post(self, request: Request, pk: int) -> Response:
        engagement = access.get_engagement_to_act_on(request.user, pk)
        serializer = TermsDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = self.workflow(
            engagement=engagement,
            by=request.user,
            terms_id=serializer.validated_data.get("terms"),
        )
        return Response(TermsSerializer(decided).data)


@schema.TERMS_ACCEPT
class TermsAcceptView(_TermsDecisionView):
    workflow = staticmethod(terms.accept_terms)


@schema.TERMS_DECLINE
class TermsDeclineView(_TermsDecisionView):
    workflow = staticmethod(terms.decline_terms)


class _StateView(APIView):
    permission_classes = [IsAuthenticated]
    change = "pause"

    def post(self, request: Request, pk: int) -> Response:
        contract = access.get_contract_to_act_on(request.user, pk)
        changed = STATE_CHANGES[self.change](contract=contract, by=request.user)
        return Response(_contract_data(changed))


def state_view(change: str):
    return schema.STATE_SCHEMAS[change](
        type(f"{change.title()}ContractView", (_StateView,), {"change": change})
    )


@schema.CARD_SETUP
class CardSetupView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        contract = access.get_contract_to_act_on(request.user, pk)
        setup = cards.start_card_setup(contract=contract, by=request.user)
        data = {
            "setup_intent": setup.id,
            "client_secret": setup.client_secret,
            "publishable_key": processor.publishable_key(),
            "stripe_js": processor.stripe_js_url(),
        }
        return Response(CardSetupSerializer(data).data)


@schema.CARD_CONFIRM
class CardConfirmView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        contract = access.get_contract_to_act_on(request.user, pk)
        serializer = CardConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = cards.save_card(
            contract=contract,
            by=request.user,
            setup_intent_id=serializer.validated_data["setup_intent"],
        )
        return Response(_contract_data(saved))


def _entry_form_kwargs(week_start, zone: str) -> dict:
    return {"week_start": week_start, "today": calendar.local_today(zone)}


@schema.ENTRIES
class EntryListView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        contract = _contract_of(request.user, pk)
        monday = calendar.week_start(contract.time_zone)
        found = TimeEntry.objects.filter(week__contract=contract, week__starts_on=monday)
        return Response(TimeEntrySerializer(found, many=True).data)

    def post(self, request: Request, pk: int) -> Response:
        contract = access.get_contract_to_act_on(request.user, pk)
        monday = calendar.week_start(contract.time_zone)
        serializer = TimeEntryWriteSerializer(
            data=request.data,
            context={"form_kwargs": _entry_form_kwargs(monday, contract.time_zone)},
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = entries.log_time(
            contract=contract,
            by=request.user,
            day=data["date"],
            hours=data["hours"],
            description=data["description"],
        )
        return created(TimeEntrySerializer(entry).data)


@schema.ENTRY
class EntryDetailView(APIView):
    permission_classes = [IsAuthenticated]

    def put(self, request: Request, pk: int) -> Response:
        entry = access.get_entry_to_act_on(request.user, pk)
        week = entry.week
        serializer = TimeEntryWriteSerializer(
            data=request.data,
            context={"form_kwargs": _entry_form_kwargs(week.starts_on, week.contract.time_zone)},
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = entries.edit_entry(
            entry=entry,
            by=request.user,
            day=data["date"],
            hours=data["hours"],
            description=data["description"],
        )
        return Response(TimeEntrySerializer(entry).data)

    def delete(self, request: Request, pk: int) -> Response:
        entry = access.get_entry_to_act_on(request.user, pk)
        entries.delete_entry(entry=entry, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@schema.WEEKS
class WeekListView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        contract = _contract_of(request.user, pk)
        return Response(WeekSerializer(contract.weeks.all(), many=True).data)


def _week_data(request: Request, week: Week) -> dict:
    week = access.WEEKS_FOR_PAGES.prefetch_related("entries", "disputes__entries").get(pk=week.pk)
    receipts = Receipt.objects.filter(transaction__reference=week.ledger_reference)
    context = {"receipts": receipts, "request": request}
    return WeekDetailSerializer(week, context=context).data


@schema.WEEK
class WeekDetailView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        return Response(_week_data(request, access.get_week_for(request.user, pk)))


@schema.CHARGE
class WeekChargeView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        week = access.get_week_to_act_on(request.user, pk)
        if week.engagement.side_of(request.user) != "client":
            raise HourlyRefused("Only the client pays a week again.", code="wrong_side")
        charged = charging.charge_week(week_pk=week.pk)
        return Response(_week_data(request, charged))


@schema.DISPUTE
class WeekDisputeView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        week = access.get_week_to_act_on(request.user, pk)
        serializer = WeekDisputeWriteSerializer(
            data=request.data, context={"form_kwargs": {"week": week}}
        )
        serializer.is_valid(raise_exception=True)
        dispute = review.open_dispute(
            week=week,
            by=request.user,
            reason=serializer.validated_data["reason"],
            entries=list(serializer.validated_data["entries"]),
        )
        return created(WeekDisputeSerializer(dispute).data)
