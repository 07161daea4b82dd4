"""The payment API's OpenAPI descriptions: every rule the server enforces, each endpoint's
refusals by status and code. `payments.api.views` applies them."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from accounts.api.permissions import SECOND_FACTOR_PARAMETER
from marketplace.api.errors import ErrorSerializer
from money.limits import MAX_QUOTE, MIN_PRICE
from payments.api.serializers import (
    AnswerSerializer,
    BalanceSerializer,
    ChangesSerializer,
    ChargeSerializer,
    DisputeWriteSerializer,
    FundingSerializer,
    MilestoneSerializer,
    PaymentSerializer,
    PayoutDetailsSerializer,
    PayoutSerializer,
    PayoutWriteSerializer,
    PlanSerializer,
    PlanWriteSerializer,
    RefundProposalWriteSerializer,
    SubmissionWriteSerializer,
)
from payments.files import FILE_RULES
from payments.models import DISPUTE_ANSWER_WINDOW, MAX_MILESTONES, MAX_REVISIONS

ENGAGEMENT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The engagement.")
MILESTONE_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The milestone.")
PAYMENT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The payment attempt.")


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


NOT_YOURS = _error(
    "Not yours to do: `not_participant` (not a side of the engagement; staff only read), "
    "`wrong_side` (the other side does this)."
)
CONFLICT = _error(
    "Not possible in the milestone's current state: `wrong_state`, `disputed` (a dispute is "
    "open: nothing is released, refunded or submitted until staff decide), "
    "`no_revisions_left`, `answer_window_closed`, `not_fundable`, `plan_accepted`, `no_plan`, "
    "`insufficient_balance`, `no_payout_details`."
)
STRIPE_DOWN = _error(
    "Stripe did not answer in time (`processor_unavailable`) or refused the call "
    "(`processor_error`): nothing was charged or recorded. Try again after `Retry-After` "
    "seconds, with the same `Idempotency-Key`."
)
DECLINED = _error("The card was declined (`card_declined`); `detail` is the card's message.")
NOT_FOUND = _error("No such object, or not one you may see.")
NO_SECOND_FACTOR = _error(
    "Money's destination needs a second factor: `second_factor_needed` (none on the account), "
    "`second_factor_required` (send a code in `X-Second-Factor-Code`), `incorrect_code`, "
    "`too_many_attempts`."
)

PLAN = extend_schema_view(
    get=extend_schema(
        operation_id="engagements_milestones_retrieve",
        summary="The engagement's milestone plan",
        description="Its milestones in order, who proposed it, whether it is accepted, and the "
        "platform fee (frozen on the plan). 404 until a plan is proposed.",
        parameters=[ENGAGEMENT_ID],
        responses={200: PlanSerializer, 404: NOT_FOUND},
    ),
    put=extend_schema(
        operation_id="engagements_milestones_update",
        summary="Propose (or replace) the milestone plan",
        description=(
            "Either side of an accepted engagement with an agreed fixed price "
            "(`quote_basis` fixed) proposes how it is paid: 1 to "
            f"{MAX_MILESTONES} milestones, each from {MIN_PRICE} to {MAX_QUOTE:,} in whole minor "
            f"units, with 0 to {MAX_REVISIONS} revision rounds; the amounts add up to the "
            "engagement's `quoted_amount` (400 otherwise). The other side then accepts it "
            "(`engagements_milestones_accept`); until then the plan may be replaced (the "
            "replacement makes you the proposer). 409 `no_plan` for an engagement that cannot "
            "be paid by milestones (hourly, no quote, not accepted), `plan_accepted` once agreed."
        ),
        parameters=[ENGAGEMENT_ID],
        request=PlanWriteSerializer,
        responses={200: PlanSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "Two milestones",
                value={
                    "milestones": [
                        {"title": "Outline and sources", "amount": "100.00"},
                        {"title": "The article", "amount": "200.00", "revisions_allowed": 2},
                    ]
                },
                request_only=True,
            )
        ],
    ),
)

PLAN_ACCEPT = extend_schema_view(
    post=extend_schema(
        operation_id="engagements_milestones_accept",
        summary="Accept the milestone plan",
        description="The side that did not propose it (403 `wrong_side` for the proposer). "
        "Then the client may fund each milestone.",
        parameters=[ENGAGEMENT_ID],
        request=None,
        responses={200: PlanSerializer, 403: NOT_YOURS, 409: CONFLICT},
    )
)

MILESTONE = extend_schema_view(
    get=extend_schema(
        operation_id="milestones_retrieve",
        summary="A milestone",
        description="For its two sides and staff (404 for anyone else).",
        parameters=[MILESTONE_ID],
        responses={200: MilestoneSerializer, 404: NOT_FOUND},
    )
)

FUND = extend_schema_view(
    post=extend_schema(
        operation_id="milestones_fund",
        summary="Start funding a milestone by card",
        description=(
            "The client of an agreed plan funds an unfunded milestone. Opens a payment attempt "
            "(or returns the open one: repeated calls reuse one PaymentIntent) for the "
            "milestone's amount, computed by the server. Pay it with Stripe.js: either "
            "`stripe.confirmCardPayment(client_secret, {payment_method: {card}})`, or save the "
            "card with `stripe.confirmCardSetup(setup_client_secret, ...)` and call "
            "`payments_charge`. Then `payments_refresh` (or Stripe's webhook) records it."
        ),
        parameters=[MILESTONE_ID],
        request=None,
        responses={200: FundingSerializer, 403: NOT_YOURS, 409: CONFLICT, 503: STRIPE_DOWN},
    )
)

CHARGE = extend_schema_view(
    post=extend_schema(
        operation_id="payments_charge",
        summary="Charge the card saved for a payment attempt",
        description="With the SetupIntent from `payments_fund`, once Stripe.js saved the card. "
        "`status` becomes `succeeded` (the milestone is funded), `requires_action` (confirm "
        "3-D Secure with `stripe.confirmCardPayment(client_secret)`, then `payments_refresh`), "
        "or the card's refusal comes back as 402.",
        parameters=[PAYMENT_ID],
        request=ChargeSerializer,
        responses={
            200: PaymentSerializer,
            402: DECLINED,
            403: NOT_YOURS,
            409: CONFLICT,
            503: STRIPE_DOWN,
        },
    )
)

REFRESH = extend_schema_view(
    post=extend_schema(
        operation_id="payments_refresh",
        summary="Record a payment attempt's outcome",
        description="Reads the PaymentIntent from Stripe and records what it says; a "
        "succeeded payment funds the milestone once, however often this is called.",
        parameters=[PAYMENT_ID],
        request=None,
        responses={200: PaymentSerializer, 403: NOT_YOURS, 503: STRIPE_DOWN},
    )
)


def _step(step: str, summary: str, description: str, request=None, errors=None, examples=()):
    return extend_schema_view(
        post=extend_schema(
            operation_id=f"milestones_{step.replace('-', '_')}",
            summary=summary,
            description=description,
            parameters=[MILESTONE_ID],
            request=request,
            responses={200: MilestoneSerializer, 403: NOT_YOURS, 409: CONFLICT, **(errors or {})},
            examples=list(examples),
        )
    )


# step -> (request serializer, schema)
STEP_SCHEMAS = {
    "submit": (
        SubmissionWriteSerializer,
        _step(
            "submit",
            "Submit the work",
            "The freelancer, on a funded milestone or one sent back for changes (multipart: "
            f"`message` and `files`; {FILE_RULES}). The client then has "
            "MILESTONE_AUTO_RELEASE_DAYS to release it or ask for changes; without an answer "
            "it is released automatically (`auto_release_at`).",
            request={"multipart/form-data": SubmissionWriteSerializer},
        ),
    ),
    "request-changes": (
        ChangesSerializer,
        _step(
            "request-changes",
            "Request changes",
            "The client sends submitted work back; uses one of the milestone's revision rounds "
            "(409 `no_revisions_left` when none is left).",
            request=ChangesSerializer,
        ),
    ),
    "release": (
        None,
        _step(
            "release",
            "Release the payment",
            "The client releases a funded milestone: its amount less the platform fee (at the "
            "plan's rate) goes to the freelancer's balance. Exactly once: concurrent releases, "
            "refunds and the automatic release have one winner (409 for the others).",
            errors={503: STRIPE_DOWN},
        ),
    ),
    "refund": (
        RefundProposalWriteSerializer,
        _step(
            "refund",
            "Propose a refund",
            "Either side proposes to give part or all of a funded milestone back to the "
            "client's card; the rest would be released to the freelancer. Replaces an open "
            "proposal of either side.",
            request=RefundProposalWriteSerializer,
        ),
    ),
    "accept-refund": (
        None,
        _step(
            "accept-refund",
            "Accept the open refund proposal",
            "The other side than the proposer: the refund goes to the card through Stripe and "
            "the rest is released. 404 when no proposal is open.",
            errors={404: NOT_FOUND, 503: STRIPE_DOWN},
        ),
    ),
    "decline-refund": (
        None,
        _step(
            "decline-refund",
            "Decline the open refund proposal",
            "The other side than the proposer. 404 when no proposal is open.",
            errors={404: NOT_FOUND},
        ),
    ),
    "dispute": (
        DisputeWriteSerializer,
        _step(
            "dispute",
            "Open a dispute",
            "Either side, on a funded milestone. The other side has "
            f"{DISPUTE_ANSWER_WINDOW.days} days to answer (`milestones_answer`); staff then "
            "split the amount. Nothing is released, refunded or submitted meanwhile.",
            request=DisputeWriteSerializer,
        ),
    ),
    "answer": (
        AnswerSerializer,
        _step(
            "answer",
            "Answer the open dispute",
            "The side the dispute was opened against, within its answer window "
            "(409 `answer_window_closed` after). 404 when no dispute is open.",
            request=AnswerSerializer,
            errors={404: NOT_FOUND},
        ),
    ),
    "drop": (
        None,
        _step(
            "drop",
            "Drop an unfunded milestone",
            "Either side, on an unfunded milestone of an agreed plan.",
            errors={503: STRIPE_DOWN},
        ),
    ),
}

BALANCE = extend_schema_view(
    get=extend_schema(
        operation_id="me_balance_list",
        summary="Your money, per currency",
        description="Pending (in escrow for your funded milestones), available, requested and "
        "paid out: sums of the ledger's entries.",
        responses={200: BalanceSerializer(many=True)},
    )
)

MOVEMENTS = extend_schema_view(
    get=extend_schema(
        operation_id="me_movements_list",
        summary="The movements behind your balances",
        description="Newest first.",
    )
)

PAYOUTS = extend_schema_view(
    get=extend_schema(operation_id="me_payouts_list", summary="Your payouts"),
    post=extend_schema(
        operation_id="me_payouts_create",
        summary="Request a payout",
        description="Of at most your available balance in that currency (409 "
        "`insufficient_balance`), to your payout details (409 `no_payout_details` without "
        "them). Staff pay it by bank transfer and mark it paid, or failed (the money returns "
        "to your balance).",
        parameters=[SECOND_FACTOR_PARAMETER],
        request=PayoutWriteSerializer,
        responses={201: PayoutSerializer, 403: NO_SECOND_FACTOR, 409: CONFLICT},
    ),
)

PAYOUT_DETAILS = extend_schema_view(
    get=extend_schema(
        operation_id="me_payout_details_retrieve",
        summary="Your payout details",
        parameters=[SECOND_FACTOR_PARAMETER],
        responses={200: PayoutDetailsSerializer, 403: NO_SECOND_FACTOR, 404: NOT_FOUND},
    ),
    put=extend_schema(
        operation_id="me_payout_details_update",
        summary="Set where your payouts go",
        parameters=[SECOND_FACTOR_PARAMETER],
        request=PayoutDetailsSerializer,
        responses={200: PayoutDetailsSerializer, 403: NO_SECOND_FACTOR},
    ),
)

RECEIPTS = extend_schema_view(
    get=extend_schema(operation_id="me_receipts_list", summary="Your receipts")
)
RECEIPT = extend_schema_view(
    get=extend_schema(
        operation_id="receipts_retrieve",
        summary="A receipt",
        description="For the people it concerns and staff.",
        parameters=[
            OpenApiParameter("number", int, OpenApiParameter.PATH, description="Its number.")
        ],
    )
)
