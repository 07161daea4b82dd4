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
    DocumentQuoteSerializer,
    DocumentUploadSerializer,
    EngagementDetailSerializer,
    InboxQuerySerializer,
    MessageSerializer,
    MessageWriteSerializer,
    QuoteRequestSerializer,
)
from engagements.document_quotes import DOCUMENT_QUOTES
from engagements.models import ANONYMOUS_DOCUMENT_LIFETIME
from marketplace.api.errors import ErrorSerializer
from marketplace.api.steps import step_schema
from uploads.limits import DOCUMENT_FORMATS_TEXT, MAX_DOCUMENT_PAGES, MAX_DOCUMENT_SIZE

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


document_quote_create = extend_schema_view(
    post=extend_schema(
        operation_id="document_quotes_create",
        summary="Instant quote from a document",
        description="Counts the document's words (see `word_rule`) and prices them at the "
        "service's per-word rate, at least its minimum charge; signed in or not (404 when the "
        f"service has no per-word rate). {DOCUMENT_FORMATS_TEXT}, at most {MAX_DOCUMENT_SIZE} "
        f"(413), a PDF of at most {MAX_DOCUMENT_PAGES:,} pages and no password. Refused with "
        "400 and a `code`: `empty`, `unsupported_type`, `wrong_type` (the content is not what "
        "the name says), `archive_bomb`, `xml_entities`, `encrypted`, `too_many_pages`, "
        "`damaged`. PDFs and large files are counted in the background: `status` is "
        "`counting` until `ready`; poll `url`. A signed-out visitor's document is deleted "
        f"{ANONYMOUS_DOCUMENT_LIFETIME.seconds // 3600} hour after it is sent; send its id as "
        "`document` with `engagements_create` to keep it with the request. At most "
        f"{DOCUMENT_QUOTES.limit} an hour per person or address (429).",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            201: DocumentQuoteSerializer,
            400: OpenApiResponse(ErrorSerializer, description="The document cannot be read."),
            404: OpenApiResponse(ErrorSerializer, description="No per-word rate here."),
            413: OpenApiResponse(ErrorSerializer, description="The file is too large."),
        },
    ),
)


document_quote_detail = extend_schema_view(
    get=extend_schema(
        operation_id="document_quotes_retrieve",
        summary="An instant quote",
        description="A signed-out visitor's quote is read by its id alone, for an hour; once "
        "a signed-in client sent or requested it, only they and the freelancer of the request "
        "read it (404 for anyone else).",
        responses={200: DocumentQuoteSerializer, 404: OpenApiResponse(ErrorSerializer)},
    ),
)
