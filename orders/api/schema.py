"""The orders API's OpenAPI descriptions: every rule the server enforces, each endpoint's
refusals by status and code. `orders.api.views` applies them."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)

from marketplace.api.errors import ErrorSerializer
from orders.api.serializers import (
    EXTRA_OFFER_SERIALIZERS,
    OrderCreateSerializer,
    OrderExtraSerializer,
    OrderSerializer,
    RequirementsSerializer,
)
from orders.models import ANSWER_MAX_LENGTH
from payments.files import FILE_RULES
from payments.models import MAX_MILESTONES
from services.api.schema import SERVICE_SLUG

ORDER_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The order.")
EXTRA_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The extra.")


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


PLACE = (
    "Buy a package of a published service, with some of its add-ons, in one step. The "
    "total and the delivery days are computed here from the stored package and add-ons (the "
    "package's price plus each add-on's; its days plus each add-on's extra days); the order "
    "keeps a copy, so later edits of the package change nothing. The order is an engagement "
    "accepted at once, paid by one milestone of the total: fund it next "
    "(`milestones_fund_create` with the order's `milestone`), then answer the requirements. "
    "Send an `Idempotency-Key`: the same key is the same order, however often it is sent."
)

ORDER_CREATE = extend_schema_view(
    post=extend_schema(
        operation_id="services_orders_create",
        summary="Order a package",
        description=PLACE,
        parameters=[SERVICE_SLUG],
        request=OrderCreateSerializer,
        responses={
            201: OrderSerializer,
            400: _error("A malformed body."),
            403: _error("Your own service (`own_service`)."),
            404: _error(
                "No such published service, or a tier it does not offer or an add-on of "
                "another service (`not_offered`)."
            ),
            409: _error("The key was used for another order (`key_reused`)."),
        },
        examples=[
            OpenApiExample(
                "Standard with one add-on",
                value={"package": "standard", "add_ons": [12]},
                request_only=True,
            )
        ],
    )
)
ORDER_LIST = extend_schema_view(
    get=extend_schema(
        operation_id="orders_list",
        summary="Your orders",
        description="Orders you placed and orders of your services, newest first.",
    )
)
ORDER_DETAIL = extend_schema_view(
    get=extend_schema(
        operation_id="orders_retrieve",
        summary="An order",
        description="For its client, its freelancer and staff. `status` follows its milestone: "
        "waiting for payment, waiting for the client's answers, in progress, delivered, "
        "revision requested, in dispute, completed, cancelled and refunded, or settled.",
        parameters=[ORDER_ID],
        responses={200: OrderSerializer},
    )
)
REQUIREMENTS = extend_schema_view(
    post=extend_schema(
        operation_id="orders_requirements_create",
        summary="Answer the requirements and start the clock",
        description=(
            "The client answers the service's questions once, after paying: the order is then "
            "due its `delivery_days` from now. Required questions must be answered; a "
            "multiple-choice answer is one of its options; text answers are at most "
            f"{ANSWER_MAX_LENGTH:,} characters. Send JSON, or multipart with `answers[<id>]` "
            f"fields and files as `file_<question id>`: {FILE_RULES}."
        ),
        parameters=[ORDER_ID],
        request={
            "application/json": RequirementsSerializer,
            "multipart/form-data": RequirementsSerializer,
        },
        responses={
            200: OrderSerializer,
            400: _error("An answer missing or not allowed (`invalid`); `detail` names it."),
            403: _error("Only the client answers (`wrong_side`); staff only read."),
            409: _error("Not paid yet, or answered already (`wrong_state`)."),
        },
    )
)
CANCEL = extend_schema_view(
    post=extend_schema(
        operation_id="orders_cancel_create",
        summary="Cancel a late order for a full refund",
        description="The client cancels an order that is past its due moment and was never "
        "delivered: the whole total goes back to the card, and the engagement is cancelled. "
        "Accepted add-ons go with it: a paid one not yet delivered is refunded too, an unpaid "
        "one dropped.",
        parameters=[ORDER_ID],
        request=None,
        responses={
            200: OrderSerializer,
            403: _error("Only the client cancels (`wrong_side`)."),
            409: _error(
                "Not late, or delivered (`not_late`); an accepted add-on is delivered or in "
                "dispute (`add_on_open`)."
            ),
        },
    )
)

EXTRA_RULES = (
    "Extras are offered and accepted while the order is in progress or in revision (after "
    "the client's answers, before the delivery is accepted or the order cancelled), one open "
    "offer per order at a time."
)
EXTRA_OFFER = extend_schema_view(
    post=extend_schema(
        operation_id="orders_extras_create",
        summary="Offer an extra",
        description=(
            "The freelancer offers the client more time (`extension`: 1 or more days added to "
            "the due date, free) or a paid add-on (`add_on`: a price, and 0 or more days). "
            f"{EXTRA_RULES} A paid add-on needs room in the engagement's plan, which has at "
            f"most {MAX_MILESTONES} milestones. The client is told by email."
        ),
        parameters=[ORDER_ID],
        request=PolymorphicProxySerializer(
            component_name="ExtraOffer",
            serializers=EXTRA_OFFER_SERIALIZERS,
            resource_type_field_name="kind",
        ),
        responses={
            201: OrderExtraSerializer,
            400: _error("A malformed body."),
            403: _error("Only the freelancer offers extras (`wrong_side`); staff only read."),
            409: _error(
                "The order is not in progress or in revision (`wrong_state`), an offer is "
                "open already (`offer_open`), or the plan is full (`plan_full`)."
            ),
        },
        examples=[
            OpenApiExample(
                "Two more days",
                value={"kind": "extension", "description": "More interviews", "extra_days": 2},
                request_only=True,
            ),
            OpenApiExample(
                "A paid add-on",
                value={"kind": "add_on", "description": "A second article", "price": "40.00"},
                request_only=True,
            ),
        ],
    )
)


def _answer(operation_id: str, summary: str, description: str, who: str):
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=description,
            parameters=[EXTRA_ID],
            request=None,
            responses={
                200: OrderExtraSerializer,
                403: _error(f"{who} (`wrong_side`); staff only read."),
                409: _error(
                    "The offer is not open: accepted, declined or withdrawn already "
                    "(`wrong_state`)."
                    + (
                        " Or the order is no longer in progress or in revision (`wrong_state`), "
                        "or its plan is full (`plan_full`)."
                        if operation_id == "orders_extras_accept_create"
                        else ""
                    )
                ),
            },
        )
    )


EXTRA_ACCEPT = _answer(
    "orders_extras_accept_create",
    "Accept an extra",
    "The client accepts the open offer. Its days move the order's due date at once (an "
    "order late no more is no longer marked late); a paid add-on becomes a milestone of its "
    "own at the end of the engagement's plan, for its price: fund it with "
    "`milestones_fund_create` (its id is the extra's `milestone`). The order's own total and "
    f"milestone are unchanged. {EXTRA_RULES} The freelancer is told by email.",
    "Only the client accepts",
)
EXTRA_DECLINE = _answer(
    "orders_extras_decline_create",
    "Decline an extra",
    "The client declines the open offer; nothing else changes. The freelancer is told.",
    "Only the client declines",
)
EXTRA_WITHDRAW = _answer(
    "orders_extras_withdraw_create",
    "Withdraw an extra",
    "The freelancer withdraws their open offer before the client answers it.",
    "Only the freelancer withdraws",
)
