from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from engagements import transitions
from engagements.forms import WHAT_MIN_LENGTH, AcceptForm, QuoteRequestForm
from engagements.models import (
    AUTO_COMPLETE_AFTER,
    DocumentQuote,
    Engagement,
    Message,
    QuoteBasis,
)
from languages.counting import RULE
from marketplace.api.fields import PageURLField
from marketplace.api.form_serializers import FormSerializer
from messaging.forms import MessageForm
from messaging.models import Side, ThreadMessage
from money.api.fields import AmountField, MoneyDisplayField
from money.limits import MAX_QUOTE, MIN_QUOTE
from profiles.api.serializers import ProfileRefSerializer, ServiceRefSerializer
from services.api.fields import ServiceSlugField
from services.models import Service
from uploads.limits import DOCUMENT_FORMATS_TEXT, MAX_DOCUMENT_SIZE

ACTIONS = list(transitions.TRANSITIONS)


class EngagementSerializer(serializers.ModelSerializer):
    """An engagement as its two participants (and staff) see it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:engagement-detail")
    page_url = PageURLField()
    messages_url = serializers.HyperlinkedIdentityField(view_name="api:engagement-messages")
    service = ServiceRefSerializer(read_only=True)
    freelancer = ProfileRefSerializer(read_only=True)
    client_name = serializers.CharField(read_only=True)
    side = serializers.SerializerMethodField(
        help_text="Your side of the engagement; null for staff reading it."
    )
    available_actions = serializers.SerializerMethodField(
        help_text="The transitions you may make now, in workflow order."
    )
    unread_count = serializers.IntegerField(
        read_only=True, help_text="Messages from the other side you have not read yet."
    )
    review = serializers.SerializerMethodField(
        help_text="The id of the client's review of the freelancer, once you may read it "
        "(published, or your own: reviews are double-blind)."
    )
    review_of_client = serializers.SerializerMethodField(
        help_text="The id of the freelancer's review of the client, once you may read it "
        "(published, or your own: reviews are double-blind)."
    )
    quote_basis = serializers.ChoiceField(
        choices=QuoteBasis.choices,
        allow_blank=True,
        read_only=True,
        help_text="How the quote is meant; empty without a quote.",
    )
    cancelled_by = serializers.ChoiceField(
        choices=Side.choices,
        allow_blank=True,
        read_only=True,
        help_text="Who cancelled; empty unless cancelled.",
    )
    budget_display = MoneyDisplayField("budget")
    quoted_amount_display = MoneyDisplayField("quoted_amount")
    auto_completes_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=f"When a delivered engagement completes by itself, {AUTO_COMPLETE_AFTER.days} "
        "days after delivery, unless the client acts first.",
    )

    class Meta:
        model = Engagement
        fields = [
            "id",
            "url",
            "page_url",
            "messages_url",
            "service",
            "freelancer",
            "client_name",
            "side",
            "state",
            "available_actions",
            "what",
            "budget",
            "deadline",
            "currency",
            "quoted_amount",
            "budget_display",
            "quoted_amount_display",
            "quote_basis",
            "requested_at",
            "accepted_at",
            "declined_at",
            "delivered_at",
            "completed_at",
            "cancelled_at",
            "cancelled_by",
            "completed_automatically",
            "auto_completes_at",
            "last_activity_at",
            "unread_count",
            "review",
            "review_of_client",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Side.choices, allow_null=True))
    def get_side(self, engagement: Engagement) -> str | None:
        side = engagement.side_of(self.context["request"].user)
        return str(side) if side else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=ACTIONS)))
    def get_available_actions(self, engagement: Engagement) -> list[str]:
        user = self.context["request"].user
        return [
            t.action for t in transitions.available_transitions(engagement=engagement, user=user)
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_review(self, engagement: Engagement) -> int | None:
        # The client's review is of the freelancer; the freelancer's, of the client.
        return self._readable_review_id(engagement, author_id=engagement.client_id)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_review_of_client(self, engagement: Engagement) -> int | None:
        return self._readable_review_id(engagement, author_id=engagement.freelancer.user_id)

    def _readable_review_id(self, engagement: Engagement, *, author_id: int) -> int | None:
        user = self.context["request"].user
        for review in engagement.reviews.all():  # prefetched
            if review.author_id == author_id and (
                review.is_published or review.author_id == user.pk
            ):
                return review.pk
        return None


class EngagementDetailSerializer(EngagementSerializer):
    can_review = serializers.SerializerMethodField(
        help_text="Whether you may review this engagement now (either side, once completed; "
        "the client reviews the freelancer, the freelancer the client)."
    )
    review_deadline = serializers.SerializerMethodField(
        help_text="Until when both sides may review it, and when pending reviews are published "
        "if the other side has not reviewed (null until it completes)."
    )

    class Meta(EngagementSerializer.Meta):
        fields = [*EngagementSerializer.Meta.fields, "can_review", "review_deadline"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_can_review(self, engagement: Engagement) -> bool:
        user = self.context["request"].user
        return engagement.why_not_reviewable_by(user) is None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_review_deadline(self, engagement: Engagement):
        deadline = engagement.review_deadline
        return serializers.DateTimeField().to_representation(deadline) if deadline else None


class QuoteRequestSerializer(FormSerializer):
    """A quote request on a published service, with the "Get a quote" form's rules."""

    form_class = QuoteRequestForm
    passthrough_fields = ("service", "document")

    service = ServiceSlugField(
        queryset=Service.objects.published().select_related("owner"),
        help_text="The slug of a published service.",
    )
    what = serializers.CharField(
        max_length=4_000,
        trim_whitespace=False,
        min_length=WHAT_MIN_LENGTH,
        help_text=f"What you need: topic, length, audience (at least {WHAT_MIN_LENGTH} "
        "characters).",
    )
    budget = AmountField(
        minimum=MIN_QUOTE,
        maximum=MAX_QUOTE,
        help_text=f"What you expect to spend in total, {MIN_QUOTE} to {MAX_QUOTE:,}.",
    )
    deadline = serializers.DateField(
        required=False, allow_null=True, help_text="When you need it by (not in the past)."
    )
    document = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The id of an instant quote on this service (`document_quotes_create`), "
        "ready and not sent yet: its document goes with the request.",
    )


class AcceptSerializer(FormSerializer):
    """What the freelancer may add when accepting: a quote, as a fixed price or a rate."""

    form_class = AcceptForm

    quoted_amount = AmountField(
        minimum=MIN_QUOTE,
        maximum=MAX_QUOTE,
        help_text=f"Your quote, {MIN_QUOTE} to {MAX_QUOTE:,}.",
    )
    quote_basis = serializers.ChoiceField(
        choices=QuoteBasis.choices, required=False, allow_blank=True
    )


class MessageSerializer(serializers.ModelSerializer):
    """A message in any private thread (an engagement's, a proposal's): `context["thread"]`."""

    sender_side = serializers.SerializerMethodField()
    sender_name = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "sender_side", "sender_name", "body", "created_at"]
        read_only_fields = fields

    def _side(self, message: ThreadMessage) -> Side:
        # Only the two sides write in a thread: a sender is either the freelancer or not.
        thread = self.context["thread"]
        if message.sender_id == thread.freelancer_user_id:
            return Side.FREELANCER
        return Side.CLIENT

    @extend_schema_field(serializers.ChoiceField(choices=Side.choices))
    def get_sender_side(self, message: Message) -> str:
        return str(self._side(message))

    @extend_schema_field(OpenApiTypes.STR)
    def get_sender_name(self, message: Message) -> str:
        return self.context["thread"].name_of(self._side(message))


class MessageWriteSerializer(FormSerializer):
    form_class = MessageForm

    body = serializers.CharField(max_length=5_000)


class InboxQuerySerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=[Side.CLIENT, Side.FREELANCER],
        required=False,
        help_text="Only the engagements where you are the client, or the freelancer.",
    )


class DocumentQuoteSerializer(serializers.ModelSerializer):
    """An instant quote: the document's words × the per-word rate, at least the minimum."""

    url = serializers.HyperlinkedIdentityField(view_name="api:document-quote-detail")
    page_url = PageURLField()
    service = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    price_display = MoneyDisplayField("price")
    per_word_rate_display = MoneyDisplayField("per_word_rate", per_word=True)
    delivery_days = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Working days at the freelancer's words a day, rounded up; null without it.",
    )
    word_rule = serializers.SerializerMethodField(help_text="How words are counted.")

    class Meta:
        model = DocumentQuote
        fields = [
            "id",
            "url",
            "page_url",
            "service",
            "filename",
            "size",
            "kind",
            "status",
            "progress",
            "refusal",
            "word_count",
            "per_word_rate",
            "minimum_charge",
            "words_per_day",
            "currency",
            "price",
            "price_display",
            "per_word_rate_display",
            "delivery_days",
            "word_rule",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "status": {"help_text": "`counting` (poll `url`), `ready`, or `refused` (`refusal`)."},
            "progress": {"help_text": "How far the count has gone, 0 to 100."},
        }

    def get_word_rule(self, quote: DocumentQuote) -> str:
        return RULE


class DocumentUploadSerializer(serializers.Serializer):
    # An empty file is refused by the workflow, with the page's message and code `empty`.
    document = serializers.FileField(
        allow_empty_file=True,
        help_text=f"A {DOCUMENT_FORMATS_TEXT} file of at most {MAX_DOCUMENT_SIZE}, whose content "
        "is what its name says.",
    )
