"""The hourly API's OpenAPI descriptions: every rule the server enforces, each endpoint's
refusals by status and code. `timesheets.api.views` applies them."""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from marketplace.api.errors import ErrorSerializer
from money.limits import MAX_QUOTE, MIN_PRICE
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
from timesheets.models import (
    HOURS_STEP,
    MAX_ENTRY_HOURS,
    MAX_WEEKLY_LIMIT,
    REVIEW_WINDOW,
)

ENGAGEMENT_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The engagement (agreed per hour)."
)
WEEK_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The week.")
ENTRY_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The time entry.")
REVIEW_DAYS = REVIEW_WINDOW.days


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


NOT_YOURS = _error(
    "Not yours to do: `not_participant` (not a side of the engagement; staff only read), "
    "`wrong_side` (the other side does this)."
)
CONFLICT = _error(
    "Not possible now: `not_hourly` (the engagement is not agreed per hour, or not accepted), "
    "`no_terms`, `terms_changed` (the proposal was replaced since you read it), "
    "`no_card` (the client has not saved a card: do not start), "
    "`contract_paused`, `contract_ended`, `payment_failed` (a week's charge failed: no new "
    "time until it is paid), `week_closed`, `over_limit` (the weekly limit would be passed), "
    "`wrong_state`, `review_closed`."
)
INVALID = _error(
    "Field errors; or `invalid`: a day outside the current week or after today, hours not in "
    "quarter-hour steps, a day past 24 hours, an unknown time zone."
)
STRIPE_DOWN = _error(
    "Stripe did not answer in time (`processor_unavailable`) or refused the call "
    "(`processor_error`): nothing was charged or recorded. Try again after `Retry-After` "
    "seconds, with the same `Idempotency-Key`."
)
DECLINED = _error("The card was refused (`card_declined`); `detail` is the card's message.")
NOT_FOUND = _error("No such object, or not one you may see.")


def _changes(*, ok, parameter=ENGAGEMENT_ID, request=None, status=200, also=None) -> dict:
    """The arguments every change shares: its object in the address, and its refusals (400
    only with a body)."""
    responses = {404: NOT_FOUND, status: ok, 403: NOT_YOURS, 409: CONFLICT, **(also or {})}
    if request is not None:
        responses[400] = INVALID
    return {"parameters": [parameter], "request": request, "responses": responses}


CONTRACT = extend_schema_view(
    get=extend_schema(
        operation_id="hourly_contract_retrieve",
        summary="The hourly contract of an engagement",
        description="For its two sides and staff. The terms in force this week, any proposal "
        "waiting for an answer, the card's presence, the current week (Monday to Sunday in "
        "`time_zone`, the freelancer's) and why time cannot be logged now, if it cannot. "
        "409 `no_terms` until terms are proposed.",
        parameters=[ENGAGEMENT_ID],
        responses={200: ContractSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
)

TERMS = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_terms_propose",
        summary="Propose the hourly rate and weekly limit",
        description=(
            "Either side of an accepted engagement agreed per hour (`quote_basis` hourly). The "
            f"rate is from {MIN_PRICE} to {MAX_QUOTE:,} in the engagement's currency; the "
            f"weekly limit from {HOURS_STEP} to {MAX_WEEKLY_LIMIT} hours. The other side "
            "accepts or declines; a new proposal replaces one's open one. The first terms "
            "agreed apply from the week they are agreed in; later ones from the next Monday."
        ),
        **_changes(request=TermsWriteSerializer, ok=TermsSerializer, status=201),
    )
)

TERMS_ACCEPT = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_terms_accept",
        summary="Accept the proposed terms",
        description="The side that did not propose them (403 `wrong_side` for the proposer). "
        "`effective_from` says the Monday they apply from.",
        **_changes(request=TermsDecisionSerializer, ok=TermsSerializer),
    )
)

TERMS_DECLINE = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_terms_decline",
        summary="Decline the proposed terms",
        description="The side that did not propose them; the terms in force stay.",
        **_changes(request=TermsDecisionSerializer, ok=TermsSerializer),
    )
)


def _state(change: str, summary: str, description: str):
    return extend_schema_view(
        post=extend_schema(
            operation_id=f"hourly_contract_{change}",
            summary=summary,
            description=description + " The current week is still billed for the time logged.",
            **_changes(ok=ContractSerializer),
        )
    )


STATE_SCHEMAS = {
    "pause": _state("pause", "Pause the contract", "Either side; no new time until resumed."),
    "resume": _state("resume", "Resume a paused contract", "Either side."),
    "end": _state("end", "End the contract", "Either side; no new time ever."),
}

CARD_SETUP = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_card_setup",
        summary="Start saving the client's card",
        description="The client only. Returns a SetupIntent for off-session use: confirm it "
        "with Stripe.js, `stripe.confirmCardSetup(client_secret, {payment_method: {card}})` "
        "(3-D Secure when the bank asks), then call `hourly_card_confirm`.",
        **_changes(ok=CardSetupSerializer, also={503: STRIPE_DOWN}),
    )
)

CARD_CONFIRM = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_card_confirm",
        summary="Record the saved card",
        description="With the SetupIntent Stripe.js confirmed. Every week whose charge failed "
        "is charged again to the new card at once.",
        **_changes(
            request=CardConfirmSerializer,
            ok=ContractSerializer,
            also={402: DECLINED, 503: STRIPE_DOWN},
        ),
    )
)

ENTRIES = extend_schema_view(
    get=extend_schema(
        operation_id="hourly_entries_list",
        summary="This week's time entries",
        description="For the two sides and staff.",
        parameters=[ENGAGEMENT_ID],
        responses={200: TimeEntrySerializer(many=True), 404: NOT_FOUND, 409: CONFLICT},
    ),
    post=extend_schema(
        operation_id="hourly_entries_create",
        summary="Log time",
        description=(
            "The freelancer, once terms are agreed and the client saved a card, while the "
            "contract is active and no week's charge has failed. A day of the current week "
            "(Monday to Sunday in the contract's time zone), today or earlier; hours in steps "
            f"of {HOURS_STEP}, from {HOURS_STEP} to {MAX_ENTRY_HOURS} (a day holds at most "
            f"{MAX_ENTRY_HOURS} hours in all); the week's total never passes its weekly limit "
            "(409 `over_limit`)."
        ),
        **_changes(request=TimeEntryWriteSerializer, ok=TimeEntrySerializer, status=201),
    ),
)

ENTRY = extend_schema_view(
    put=extend_schema(
        operation_id="hourly_entry_update",
        summary="Change a time entry",
        description="The freelancer, while its week is open (409 `week_closed` after), with "
        "the rules of `hourly_entries_create`.",
        **_changes(parameter=ENTRY_ID, request=TimeEntryWriteSerializer, ok=TimeEntrySerializer),
    ),
    delete=extend_schema(
        operation_id="hourly_entry_destroy",
        summary="Delete a time entry",
        description="The freelancer, while its week is open.",
        parameters=[ENTRY_ID],
        responses={204: None, 403: NOT_YOURS, 404: NOT_FOUND, 409: CONFLICT},
    ),
)

WEEKS = extend_schema_view(
    get=extend_schema(
        operation_id="hourly_weeks_list",
        summary="The contract's weeks",
        description="Newest first, with what became of each week's charge.",
        parameters=[ENGAGEMENT_ID],
        responses={200: WeekSerializer(many=True), 404: NOT_FOUND, 409: CONFLICT},
    )
)

WEEK = extend_schema_view(
    get=extend_schema(
        operation_id="hourly_week_retrieve",
        summary="A week",
        description="Its entries, disputes and receipts (the invoice is the funding receipt, "
        "numbered with every other receipt; its PDF is at the receipt's `pdf_url`).",
        parameters=[WEEK_ID],
        responses={200: WeekDetailSerializer, 404: NOT_FOUND},
    )
)

CHARGE = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_week_charge",
        summary="Charge a closed week again",
        description="The client, for a closed week whose charge failed (after fixing the card). "
        "A week is charged exactly once: a week already paid is 409 `wrong_state`.",
        **_changes(parameter=WEEK_ID, ok=WeekDetailSerializer, also={503: STRIPE_DOWN}),
    )
)

DISPUTE = extend_schema_view(
    post=extend_schema(
        operation_id="hourly_week_dispute",
        summary="Dispute a charged week",
        description=(
            f"The client, within {REVIEW_DAYS} days of the charge (409 `review_closed` after), "
            "with a reason; the whole week, or the entries named. Nothing is released until "
            "staff decide how much goes back to the card."
        ),
        **_changes(
            parameter=WEEK_ID,
            request=WeekDisputeWriteSerializer,
            ok=WeekDisputeSerializer,
            status=201,
        ),
    )
)
