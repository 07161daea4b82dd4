"""How the OpenAPI schema describes the engagements API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from engagements import transitions
from engagements.api.serializers import (
    AcceptSerializer,
    EngagementDetailSerializer,
    InboxQuerySerializer,
    MessageSerializer,
    MessageWriteSerializer,
    QuoteRequestSerializer,
)
from marketplace.api.errors import ErrorSerializer
from marketplace.api.steps import step_schema

ENGAGEMENT_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The engagement's id."
)


CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="Not possible in the engagement's current state (e.g. already accepted); "
    "`code` says why.",
)


REFUSED = OpenApiResponse(
    ErrorSerializer,
    description="Not yours to do: only the other side (or nobody, for staff) may do this.",
)


def _transition_schema(action: str, who: str, request=None, examples=()):
    transition = transitions.TRANSITIONS[action]
    return step_schema(
        operation_id=f"engagements_{action}",
        summary=f"{transition.label} (engagement → {transition.target})",
        description=f"{who} 403 for the other side and staff, 409 in any other state.",
        parameters=[ENGAGEMENT_ID],
        request=request,
        response=EngagementDetailSerializer,
        errors={403: REFUSED, 409: CONFLICT},
        examples=examples,
    )


engagement_list = extend_schema_view(
    get=extend_schema(
        operation_id="engagements_list",
        summary="Your engagements",
        description="As client and as freelancer (or one side with `role`), newest activity "
        "first, with unread message counts.",
        parameters=[InboxQuerySerializer],
    ),
    post=extend_schema(
        operation_id="engagements_create",
        summary="Request a quote",
        description="Opens an engagement on a published service in the `requested` state and "
        "emails the freelancer. Not on your own service (403); not while a request of yours "
        "on it waits for an answer (409); a few an hour (429).",
        request=QuoteRequestSerializer,
        responses={201: EngagementDetailSerializer, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A quote request",
                value={
                    "service": "putin-and-xi-meet-against-backdrop",
                    "what": "A 1,000-word explainer on the summit for our weekend edition.",
                    "budget": "200.00",
                    "deadline": "2030-06-30",
                },
                request_only=True,
            )
        ],
    ),
)


engagement_detail = extend_schema_view(
    get=extend_schema(
        operation_id="engagements_retrieve", summary="An engagement", parameters=[ENGAGEMENT_ID]
    ),
)


message_list = extend_schema_view(
    get=extend_schema(
        operation_id="engagements_messages_list",
        summary="The engagement's messages",
        description="Oldest first. Reading them marks them read for you.",
        parameters=[ENGAGEMENT_ID],
    ),
    post=extend_schema(
        operation_id="engagements_messages_create",
        summary="Write a message",
        description="The client and the freelancer only; a declined or cancelled engagement's "
        "thread is closed (409).",
        parameters=[ENGAGEMENT_ID],
        request=MessageWriteSerializer,
        responses={201: MessageSerializer, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A message", value={"body": "Could you include two sources?"}, request_only=True
            )
        ],
    ),
)


accept = _transition_schema(
    "accept",
    "The freelancer takes a requested engagement on, optionally with a quote.",
    request=AcceptSerializer,
    examples=[
        OpenApiExample(
            "With a fixed price",
            value={"quoted_amount": "180.00", "quote_basis": "fixed"},
            request_only=True,
        )
    ],
)


decline = _transition_schema("decline", "The freelancer declines a requested engagement.")


deliver = _transition_schema("deliver", "The freelancer marks an accepted engagement delivered.")


complete = _transition_schema(
    "complete",
    "The client confirms a delivered engagement complete; then both sides may review it.",
)


cancel = _transition_schema(
    "cancel",
    "The client cancels a requested or accepted engagement; the freelancer an accepted one.",
)
