"""Hiring: the user's engagements, quote requests, the private thread and the transitions."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from engagements import quoting, transitions
from engagements.access import get_engagement_for, get_engagement_to_act_on
from engagements.api.serializers import (
    AcceptSerializer,
    EngagementDetailSerializer,
    EngagementSerializer,
    InboxQuerySerializer,
    MessageSerializer,
    MessageWriteSerializer,
    QuoteRequestSerializer,
    engagement_url,
)
from engagements.models import Engagement, Message
from marketplace.api.errors import ErrorSerializer
from marketplace.api.steps import step_schema
from messaging import threads
from messaging.models import Side, Thread, ThreadMessage

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


def _engagements_of(request: Request):
    """Engagements with what the serializers read in a constant number of queries (who may
    open which is `engagements.access`'s and `in_role`'s to say)."""
    return (
        Engagement.objects.select_related("service", "client", "freelancer__user", "milestone_plan")
        .prefetch_related("reviews", "milestones")
        .with_unread_count(request.user)
    )


def _detail(request: Request, engagement: Engagement, *, status_code: int = 200) -> Response:
    engagement = _engagements_of(request).get(pk=engagement.pk)
    data = EngagementDetailSerializer(engagement, context={"request": request}).data
    headers = {"Location": engagement_url(engagement, request)} if status_code == 201 else None
    return Response(data, status=status_code, headers=headers)


@extend_schema_view(
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
class EngagementListView(generics.ListCreateAPIView):
    serializer_class = EngagementSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Engagement.objects.none()
        # A plain dict: DRF reads an empty value in a QueryDict as absent, so `role=` passed.
        query = InboxQuerySerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        role = query.validated_data.get("role")
        return (
            _engagements_of(self.request)
            .in_role(self.request.user, role)
            .order_by("-last_activity_at", "-id")
        )

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = QuoteRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        engagement = quoting.request_quote(client=request.user, **serializer.validated_data)
        return _detail(request, engagement, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="engagements_retrieve", summary="An engagement", parameters=[ENGAGEMENT_ID]
    )
)
class EngagementDetailView(generics.GenericAPIView):
    serializer_class = EngagementDetailSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        return _detail(
            request, get_engagement_for(request.user, pk, engagements=_engagements_of(request))
        )


class ThreadMessageListView(generics.ListCreateAPIView):
    """A private thread's messages (any `engagements.models.Thread`): its two sides read and
    write, staff read. Subclasses say how to find the thread for reading and for writing
    (each lookup's 404 and 403 are the pages' own)."""

    serializer_class = MessageSerializer
    permission_classes = [IsAuthenticated]
    message_model: type[ThreadMessage]

    def get_thread_to_read(self, request: Request, pk: int) -> Thread:
        raise NotImplementedError

    def get_thread_to_write(self, request: Request, pk: int) -> Thread:
        raise NotImplementedError

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if request.method == "POST":
            self.thread = self.get_thread_to_write(request, kwargs["pk"])
        else:
            self.thread = self.get_thread_to_read(request, kwargs["pk"])

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "thread": getattr(self, "thread", None)}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return self.message_model.objects.none()
        return self.thread.messages.order_by("created_at", "id")

    def list(self, request: Request, *args, **kwargs) -> Response:
        response = super().list(request, *args, **kwargs)
        threads.mark_read(thread=self.thread, reader=request.user)
        return response

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = MessageWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = threads.post_message(
            thread=self.thread, sender=request.user, body=serializer.validated_data["body"]
        )
        data = MessageSerializer(message, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
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
class MessageListView(ThreadMessageListView):
    message_model = Message

    def get_thread_to_read(self, request: Request, pk: int) -> Engagement:
        return get_engagement_for(request.user, pk, engagements=_engagements_of(request))

    def get_thread_to_write(self, request: Request, pk: int) -> Engagement:
        return get_engagement_to_act_on(request.user, pk, engagements=_engagements_of(request))


class _TransitionView(APIView):
    permission_classes = [IsAuthenticated]
    action: str

    def post(self, request: Request, pk: int) -> Response:
        engagement = get_engagement_to_act_on(
            request.user, pk, engagements=_engagements_of(request)
        )
        options = {}
        # Only the side that may accept has a quote to get wrong; anyone else is refused below.
        if self.action == "accept" and engagement.side_of(request.user) == Side.FREELANCER:
            quote = AcceptSerializer(data=request.data)
            quote.is_valid(raise_exception=True)
            options = quote.validated_data
        engagement = transitions.perform(
            self.action, engagement=engagement, by=request.user, **options
        )
        return _detail(request, engagement)


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


@_transition_schema(
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
class AcceptView(_TransitionView):
    action = "accept"


@_transition_schema("decline", "The freelancer declines a requested engagement.")
class DeclineView(_TransitionView):
    action = "decline"


@_transition_schema("deliver", "The freelancer marks an accepted engagement delivered.")
class DeliverView(_TransitionView):
    action = "deliver"


@_transition_schema(
    "complete",
    "The client confirms a delivered engagement complete; then both sides may review it.",
)
class CompleteView(_TransitionView):
    action = "complete"


@_transition_schema(
    "cancel",
    "The client cancels a requested or accepted engagement; the freelancer an accepted one.",
)
class CancelView(_TransitionView):
    action = "cancel"
