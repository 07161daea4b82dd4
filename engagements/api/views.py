"""Hiring: the user's engagements, quote requests, the private thread and the transitions."""

from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from engagements import document_quotes, quoting, transitions
from engagements.access import get_engagement_for, get_engagement_to_act_on
from engagements.api import schema
from engagements.api.serializers import (
    AcceptSerializer,
    DocumentQuoteSerializer,
    DocumentUploadSerializer,
    EngagementDetailSerializer,
    EngagementSerializer,
    InboxQuerySerializer,
    MessageSerializer,
    MessageWriteSerializer,
    QuoteRequestSerializer,
)
from engagements.document_views import get_quote_for
from engagements.models import Engagement, Message
from marketplace.api.responses import created
from messaging import threads
from messaging.models import Side, Thread, ThreadMessage
from services.models import Service


def _engagements_of(request: Request):
    """Engagements with what the serializers read in a constant number of queries (who may
    open which is `engagements.access`'s and `in_role`'s to say)."""
    return (
        Engagement.objects.select_related("service", "client", "freelancer__user", "milestone_plan")
        .prefetch_related("reviews", "milestones")
        .with_unread_count(request.user)
    )


def _detail(request: Request, engagement: Engagement) -> dict:
    engagement = _engagements_of(request).get(pk=engagement.pk)
    return EngagementDetailSerializer(engagement, context={"request": request}).data


@schema.engagement_list
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
        data = dict(serializer.validated_data)
        if data.get("document") is not None:
            data["document"] = document_quotes.document_to_send(
                user=request.user, service=data["service"], pk=data["document"]
            )
            if data["document"] is None:
                raise ValidationError(
                    {"document": ["No instant quote of yours, ready to send, on this service."]}
                )
        engagement = quoting.request_quote(client=request.user, **data)
        return created(_detail(request, engagement))


@schema.engagement_detail
class EngagementDetailView(generics.GenericAPIView):
    serializer_class = EngagementDetailSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        engagement = get_engagement_for(request.user, pk, engagements=_engagements_of(request))
        return Response(_detail(request, engagement))


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
        return created(data)


@schema.message_list
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
        return Response(_detail(request, engagement))


@schema.accept
class AcceptView(_TransitionView):
    action = "accept"


@schema.decline
class DeclineView(_TransitionView):
    action = "decline"


@schema.deliver
class DeliverView(_TransitionView):
    action = "deliver"


@schema.complete
class CompleteView(_TransitionView):
    action = "complete"


@schema.cancel
class CancelView(_TransitionView):
    action = "cancel"


@schema.document_quote_create
class DocumentQuoteCreateView(APIView):
    """An instant quote from a document, signed in or not."""

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]

    def post(self, request: Request, slug: str) -> Response:
        service = get_object_or_404(
            Service.objects.published(), slug=slug, per_word_rate__isnull=False
        )
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = serializer.validated_data["document"]
        quote = document_quotes.quote_document(
            service=service,
            name=document.name,
            upload=document,
            owner=request.user if request.user.is_authenticated else None,
            visitor=request.META.get("REMOTE_ADDR", ""),
        )
        return created(DocumentQuoteSerializer(quote, context={"request": request}).data)


@schema.document_quote_detail
class DocumentQuoteDetailView(APIView):
    permission_classes = [AllowAny]

    def get(self, request: Request, pk) -> Response:
        quote = get_quote_for(request.user, pk)
        return Response(DocumentQuoteSerializer(quote, context={"request": request}).data)
